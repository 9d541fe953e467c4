// Generated file, do not edit: run `npm run generate:types` to regenerate.
// Source: packages/platform/openapi/nextgenpsd2-1.3.3.yaml (Open Payments Europe NextGenPSD2 1.3.3,
// CC BY 4.0) with the errata of packages/platform/src/contract/errata.ts, by openapi-typescript
// via packages/platform/scripts/generate-types.mjs.

export interface paths {
    "/paymentinitiation/v1/{payment-service}/{payment-product}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create Payment Initiation
         * @description This method is used to initiate a payment at the ASPSP.
         *
         *     ## Variants of Payment Initiation Requests
         *
         *     This method to initiate a payment initiation at the ASPSP can be sent with either a JSON body or an pain.001 body depending on the payment product in the path.
         *
         *     There are the following **payment products**:
         *
         *       - Payment products with payment information in *JSON* format:
         *         - ***sepa-credit-transfers***
         *         - ***domestic***
         *         - ***international***
         *         - ***swedish-giro***
         *
         *     Furthermore the request body depends on the **payment-service**
         *       * ***payments***: A single payment initiation request.
         *       * ***bulk-payments***: A collection of several payment iniatiation requests.
         *
         *         In case of a *pain.001* message there are more than one payments contained in the *pain.001 message.
         *
         *         In case of a *JSON* there are several JSON payment blocks contained in a joining list.
         *       * ***periodic-payments***:
         *         Create a standing order initiation resource for recurrent i.e. periodic payments addressable under {paymentId}
         *          with all data relevant for the corresponding payment product and the execution of the standing order contained in a JSON body.
         *
         *     This is the first step in the API to initiate the related recurring/periodic payment.
         *
         *     ## Single and mulitilevel SCA Processes
         *
         *     The Payment Initiation Requests are independent from the need of one ore multilevel
         *     SCA processing, i.e. independent from the number of authorisations needed for the execution of payments.
         *
         *     But the response messages are specific to either one SCA processing or multilevel SCA processing.
         *
         *     For payment initiation with multilevel SCA, this specification requires an explicit start of the authorisation,
         *     i.e. links directly associated with SCA processing like 'scaRedirect' or 'scaOAuth' cannot be contained in the
         *     response message of a Payment Initation Request for a payment, where multiple authorisations are needed.
         *     Also if any data is needed for the next action, like selecting an SCA method is not supported in the response,
         *     since all starts of the multiple authorisations are fully equal.
         *     In these cases, first an authorisation sub-resource has to be generated following the 'startAuthorisation' link.
         */
        post: operations["initiatePayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/paymentinitiation/v1/{payment-service}/{payment-product}/{paymentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Payment Initiation
         * @description Returns the content of a payment object
         */
        get: operations["getPaymentInformation"];
        put?: never;
        post?: never;
        /**
         * Cancel Payment Initiation
         * @description This method initiates the cancellation of a payment.
         *     Depending on the payment-service, the payment-product and the ASPSP's implementation,
         *     this TPP call might be sufficient to cancel a payment.
         *     If an authorisation of the payment cancellation is mandated by the ASPSP,
         *     a corresponding hyperlink will be contained in the response message.
         *
         *     Cancels the addressed payment with resource identification paymentId if applicable to the payment-service, payment-product and received in product related timelines (e.g. before end of business day for scheduled payments of the last business day before the scheduled execution day).
         *
         *     The response to this DELETE command will tell the TPP whether the
         *       * access method was rejected
         *       * access method was successful, or
         *       * access method is generally applicable, but further authorisation processes are needed.
         */
        delete: operations["cancelPayment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/paymentinitiation/v1/{payment-service}/{payment-product}/{paymentId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Payment Initiation Status
         * @description Check the transaction status of a payment initiation.
         */
        get: operations["getPaymentInitiationStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/paymentinitiation/v1/{payment-service}/{payment-product}/{paymentId}/authorisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Payment Initiation Authorisation Sub-Resources
         * @description Read a list of all authorisation subresources IDs which have been created.
         *
         *     This function returns an array of hyperlinks to all generated authorisation sub-resources.
         */
        get: operations["getPaymentInitiationAuthorisation"];
        put?: never;
        /**
         * Start Payment Initiation Authorisation Process
         * @description Create an authorisation sub-resource and start the authorisation process.
         *     The message might in addition transmit authentication and authorisation related data.
         *
         *     This method is iterated n times for a n times SCA authorisation in a
         *     corporate context, each creating an own authorisation sub-endpoint for
         *     the corresponding PSU authorising the transaction.
         *
         *     The ASPSP might make the usage of this access method unnecessary in case
         *     of only one SCA process needed, since the related authorisation resource
         *     might be automatically created by the ASPSP after the submission of the
         *     payment data with the first POST payments/{payment-product} call.
         *
         *     The start authorisation process is a process which is needed for creating a new authorisation
         *     or cancellation sub-resource.
         *
         *     This applies in the following scenarios:
         *
         *       * The ASPSP has indicated with an 'startAuthorisation' hyperlink in the preceding Payment
         *         Initiation Response that an explicit start of the authorisation process is needed by the TPP.
         *         The 'startAuthorisation' hyperlink can transport more information about data which needs to be
         *         uploaded by using the extended forms.
         *         * 'startAuthorisationWithPsuIdentfication',
         *         * 'startAuthorisationWithPsuAuthentication'
         *         * 'startAuthorisationWithEncryptedPsuAuthentication'
         *         * 'startAuthorisationWithAuthentciationMethodSelection'
         *       * The related payment initiation cannot yet be executed since a multilevel SCA is mandated.
         *       * The ASPSP has indicated with an 'startAuthorisation' hyperlink in the preceding
         *         Payment Cancellation Response that an explicit start of the authorisation process is needed by the TPP.
         *         The 'startAuthorisation' hyperlink can transport more information about data which needs to be uploaded
         *         by using the extended forms as indicated above.
         *       * The related payment cancellation request cannot be applied yet since a multilevel SCA is mandate for
         *         executing the cancellation.
         *       * The signing basket needs to be authorised yet.
         */
        post: operations["startPaymentAuthorisation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/paymentinitiation/v1/{payment-service}/{payment-product}/{paymentId}/authorisations/{authorisationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Payment Initiation Authorisation SCA Status
         * @description This method returns the SCA status of a payment initiation's authorisation sub-resource.
         */
        get: operations["getPaymentInitiationScaStatus"];
        /**
         * Update PSU Data for Payment Initiation
         * @description This methods updates PSU data on the authorisation resource if needed.
         *     It may authorise a payment within the Embedded SCA Approach where needed.
         *
         *     Independently from the SCA Approach it supports e.g. the selection of
         *     the authentication method and a non-SCA PSU authentication.
         *
         *     There are several possible Update PSU Data requests in the context of payment initiation services needed,
         *     which depends on the SCA approach:
         *
         *     * Redirect SCA Approach:
         *       A specific Update PSU Data Request is applicable for
         *         * the selection of authentication methods, before choosing the actual SCA approach.
         *     * Decoupled SCA Approach:
         *       A specific Update PSU Data Request is only applicable for
         *       * adding the PSU Identification, if not provided yet in the Payment Initiation Request or the Account Information Consent Request, or if no OAuth2 access token is used, or
         *       * the selection of authentication methods.
         *     * Embedded SCA Approach:
         *       The Update PSU Data Request might be used
         *       * to add credentials as a first factor authentication data of the PSU and
         *       * to select the authentication method and
         *       * transaction authorisation.
         *
         *     The SCA Approach might depend on the chosen SCA method.
         *     For that reason, the following possible Update PSU Data request can apply to all SCA approaches:
         *
         *     * Select an SCA method in case of several SCA methods are available for the customer.
         *
         *     There are the following request types on this access path:
         *       * Update PSU Identification
         *       * Update PSU Authentication
         *       * Select PSU Autorization Method
         *         WARNING: This method need a reduced header,
         *         therefore many optional elements are not present.
         *         Maybe in a later version the access path will change.
         *       * Transaction Authorisation
         *         WARNING: This method need a reduced header,
         *         therefore many optional elements are not present.
         *         Maybe in a later version the access path will change.
         */
        put: operations["updatePaymentPsuData"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/paymentinitiation/v1/{payment-service}/{payment-product}/{paymentId}/cancellation-authorisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Payment Initiation Cancellation Authorisation Sub-Resources
         * @description Retrieve a list of all created cancellation authorisation sub-resources.
         */
        get: operations["getPaymentInitiationCancellationAuthorisationInformation"];
        put?: never;
        /**
         * Start Payment Initiation Cancellation Authorisation Process
         * @description Creates an authorisation sub-resource and start the authorisation process of the cancellation of the addressed payment.
         *     The message might in addition transmit authentication and authorisation related data.
         *
         *     This method is iterated n times for a n times SCA authorisation in a
         *     corporate context, each creating an own authorisation sub-endpoint for
         *     the corresponding PSU authorising the cancellation-authorisation.
         *
         *     The ASPSP might make the usage of this access method unnecessary in case
         *     of only one SCA process needed, since the related authorisation resource
         *     might be automatically created by the ASPSP after the submission of the
         *     payment data with the first POST payments/{payment-product} call.
         *
         *     The start authorisation process is a process which is needed for creating a new authorisation
         *     or cancellation sub-resource.
         *
         *     This applies in the following scenarios:
         *
         *       * The ASPSP has indicated with an 'startAuthorisation' hyperlink in the preceding Payment
         *         Initiation Response that an explicit start of the authorisation process is needed by the TPP.
         *         The 'startAuthorisation' hyperlink can transport more information about data which needs to be
         *         uploaded by using the extended forms.
         *         * 'startAuthorisationWithPsuIdentfication',
         *         * 'startAuthorisationWithPsuAuthentication'
         *         * 'startAuthorisationWithAuthentciationMethodSelection'
         *       * The related payment initiation cannot yet be executed since a multilevel SCA is mandated.
         *       * The ASPSP has indicated with an 'startAuthorisation' hyperlink in the preceding
         *         Payment Cancellation Response that an explicit start of the authorisation process is needed by the TPP.
         *         The 'startAuthorisation' hyperlink can transport more information about data which needs to be uploaded
         *         by using the extended forms as indicated above.
         *       * The related payment cancellation request cannot be applied yet since a multilevel SCA is mandate for
         *         executing the cancellation.
         *       * The signing basket needs to be authorised yet.
         */
        post: operations["startPaymentInitiationCancellationAuthorisation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/paymentinitiation/v1/{payment-service}/{payment-product}/{paymentId}/cancellation-authorisations/{cancellationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Payment Initiation Cancellation Authorisation SCA Status
         * @description This method returns the SCA status of a payment initiation's authorisation sub-resource.
         */
        get: operations["getPaymentCancellationScaStatus"];
        /**
         * Update PSU Data for Payment Initiation Cancellation
         * @description This method updates PSU data on the cancellation authorisation resource if needed.
         *     It may authorise a cancellation of the payment within the Embedded SCA Approach where needed.
         *
         *     Independently from the SCA Approach it supports e.g. the selection of
         *     the authentication method and a non-SCA PSU authentication.
         *
         *     This methods updates PSU data on the cancellation authorisation resource if needed.
         *
         *     There are several possible Update PSU Data requests in the context of a cancellation authorisation within the payment initiation services needed,
         *     which depends on the SCA approach:
         *
         *     * Redirect SCA Approach:
         *       A specific Update PSU Data Request is applicable for
         *         * the selection of authentication methods, before choosing the actual SCA approach.
         *     * Decoupled SCA Approach:
         *       A specific Update PSU Data Request is only applicable for
         *       * adding the PSU Identification, if not provided yet in the Payment Initiation Request or the Account Information Consent Request, or if no OAuth2 access token is used, or
         *       * the selection of authentication methods.
         *     * Embedded SCA Approach:
         *       The Update PSU Data Request might be used
         *       * to add credentials as a first factor authentication data of the PSU and
         *       * to select the authentication method and
         *       * transaction authorisation.
         *
         *     The SCA Approach might depend on the chosen SCA method.
         *     For that reason, the following possible Update PSU Data request can apply to all SCA approaches:
         *
         *     * Select an SCA method in case of several SCA methods are available for the customer.
         *
         *     There are the following request types on this access path:
         *       * Update PSU Identification
         *       * Update PSU Authentication
         *       * Select PSU Autorization Method
         *         WARNING: This method need a reduced header,
         *         therefore many optional elements are not present.
         *         Maybe in a later version the access path will change.
         *       * Transaction Authorisation
         *         WARNING: This method need a reduced header,
         *         therefore many optional elements are not present.
         *         Maybe in a later version the access path will change.
         */
        put: operations["updatePaymentCancellationPsuData"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accountinformation/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Account List
         * @description Read the identifiers of the available payment account together with
         *     booking balance information, depending on the consent granted.
         *
         *     It is assumed that a consent of the PSU to this access is already given and stored on the ASPSP system.
         *     The addressed list of accounts depends then on the PSU ID and the stored consent addressed by consentId,
         *     respectively the OAuth2 access token.
         *
         *     Returns all identifiers of the accounts, to which an account access has been granted to through
         *     the /consents endpoint by the PSU.
         *     In addition, relevant information about the accounts and hyperlinks to corresponding account
         *     information resources are provided if a related consent has been already granted.
         *
         *     Remark: Note that the /consents endpoint optionally offers to grant an access on all available
         *     payment accounts of a PSU.
         *     In this case, this endpoint will deliver the information about all available payment accounts
         *     of the PSU at this ASPSP.
         */
        get: operations["getAccountList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accountinformation/v1/accounts/{account-id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Account Details
         * @description Reads details about an account, with balances where required.
         *     It is assumed that a consent of the PSU to
         *     this access is already given and stored on the ASPSP system.
         *     The addressed details of this account depends then on the stored consent addressed by consentId,
         *     respectively the OAuth2 access token.
         *
         *     **NOTE:** The account-id can represent a multicurrency account.
         *     In this case the currency code is set to "XXX".
         *
         *     Give detailed information about the addressed account.
         *
         *     Give detailed information about the addressed account together with balance information
         */
        get: operations["readAccountDetails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accountinformation/v1/accounts/{account-id}/balances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Balances
         * @description Reads account data from a given account addressed by "account-id".
         *
         *     **Remark:** This account-id can be a tokenised identification due to data protection reason since the path
         *     information might be logged on intermediary servers within the ASPSP sphere.
         *     This account-id then can be retrieved by the "GET Account List" call.
         *
         *     The account-id is constant at least throughout the lifecycle of a given consent.
         */
        get: operations["getBalances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accountinformation/v1/accounts/{account-id}/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Transaction List
         * @description Read transaction reports or transaction lists of a given account ddressed by "account-id", depending on the steering parameter
         *     "bookingStatus" together with balances.
         *
         *     For a given account, additional parameters are e.g. the attributes "dateFrom" and "dateTo".
         *     The ASPSP might add balance information, if transaction lists without balances are not supported.
         */
        get: operations["getTransactionList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accountinformation/v1/accounts/{account-id}/transactions/{transactionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Transaction Details
         * @description Reads transaction details from a given transaction addressed by "transactionId" on a given account addressed by "account-id".
         *     This call is only available on transactions as reported in a JSON format.
         *
         *     **Remark:** Please note that the PATH might be already given in detail by the corresponding entry of the response of the
         *     "Read Transaction List" call within the _links subfield.
         */
        get: operations["getTransactionDetails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consent/v1/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create Consent
         * @description This method create a consent resource, defining access rights to dedicated accounts of
         *     a given PSU-ID. These accounts are addressed explicitly in the method as
         *     parameters as a core function.
         *
         *     **Side Effects**
         *     When this Consent Request is a request where the "recurringIndicator" equals "true",
         *     and if it exists already a former consent for recurring access on account information
         *     for the addressed PSU, then the former consent automatically expires as soon as the new
         *     consent request is authorised by the PSU.
         *
         *     Optional Extension:
         *     As an option, an ASPSP might optionally accept a specific access right on the access on all psd2 related services for all available accounts.
         *
         *     As another option an ASPSP might optionally also accept a command, where only access rights are inserted without mentioning the addressed account.
         *     The relation to accounts is then handled afterwards between PSU and ASPSP.
         *     This option is not supported for the Embedded SCA Approach.
         *     As a last option, an ASPSP might in addition accept a command with access rights
         *       * to see the list of available payment accounts or
         *       * to see the list of available payment accounts with balances.
         */
        post: operations["createConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consent/v1/consents/{consentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Consent
         * @description Returns the content of an account information consent object.
         *     This is returning the data for the TPP especially in cases,
         *     where the consent was directly managed between ASPSP and PSU e.g. in a re-direct SCA Approach.
         */
        get: operations["getConsentInformation"];
        put?: never;
        post?: never;
        /**
         * Delete Consent
         * @description The TPP can delete an account information consent object if needed.
         */
        delete: operations["deleteConsent"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consent/v1/consents/{consentId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Consent Status
         * @description Read the status of an account information consent resource.
         */
        get: operations["getConsentStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consent/v1/consents/{consentId}/authorisations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Consent Authorisation Sub-Resources
         * @description Return a list of all authorisation subresources IDs which have been created.
         *
         *     This function returns an array of hyperlinks to all generated authorisation sub-resources.
         */
        get: operations["getConsentAuthorisation"];
        put?: never;
        /**
         * Start Consent Authorisation Process
         * @description Create an authorisation sub-resource and start the authorisation process of a consent.
         *     The message might in addition transmit authentication and authorisation related data.
         *
         *     his method is iterated n times for a n times SCA authorisation in a
         *     corporate context, each creating an own authorisation sub-endpoint for
         *     the corresponding PSU authorising the consent.
         *
         *     The ASPSP might make the usage of this access method unnecessary,
         *     since the related authorisation resource will be automatically created by
         *     the ASPSP after the submission of the consent data with the first POST consents call.
         *
         *     The start authorisation process is a process which is needed for creating a new authorisation
         *     or cancellation sub-resource.
         *
         *     This applies in the following scenarios:
         *
         *       * The ASPSP has indicated with an 'startAuthorisation' hyperlink in the preceding Payment
         *         Initiation Response that an explicit start of the authorisation process is needed by the TPP.
         *         The 'startAuthorisation' hyperlink can transport more information about data which needs to be
         *         uploaded by using the extended forms.
         *         * 'startAuthorisationWithPsuIdentfication',
         *         * 'startAuthorisationWithPsuAuthentication'
         *         * 'startAuthorisationWithEncryptedPsuAuthentication'
         *         * 'startAuthorisationWithAuthentciationMethodSelection'
         *       * The related payment initiation cannot yet be executed since a multilevel SCA is mandated.
         *       * The ASPSP has indicated with an 'startAuthorisation' hyperlink in the preceding
         *         Payment Cancellation Response that an explicit start of the authorisation process is needed by the TPP.
         *         The 'startAuthorisation' hyperlink can transport more information about data which needs to be uploaded
         *         by using the extended forms as indicated above.
         *       * The related payment cancellation request cannot be applied yet since a multilevel SCA is mandate for
         *         executing the cancellation.
         *       * The signing basket needs to be authorised yet.
         */
        post: operations["startConsentAuthorisation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consent/v1/consents/{consentId}/authorisations/{authorisationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Consent Authorisation SCA Status
         * @description This method returns the SCA status of a consent initiation's authorisation sub-resource.
         */
        get: operations["getConsentScaStatus"];
        /**
         * Update PSU Data for Consent
         * @description This method update PSU data on the consents  resource if needed.
         *     It may authorise a consent within the Embedded SCA Approach where needed.
         *
         *     Independently from the SCA Approach it supports e.g. the selection of
         *     the authentication method and a non-SCA PSU authentication.
         *
         *     This methods updates PSU data on the cancellation authorisation resource if needed.
         *
         *     There are several possible Update PSU Data requests in the context of a consent request if needed,
         *     which depends on the SCA approach:
         *
         *     * Redirect SCA Approach:
         *       A specific Update PSU Data Request is applicable for
         *         * the selection of authentication methods, before choosing the actual SCA approach.
         *     * Decoupled SCA Approach:
         *       A specific Update PSU Data Request is only applicable for
         *       * adding the PSU Identification, if not provided yet in the Payment Initiation Request or the Account Information Consent Request, or if no OAuth2 access token is used, or
         *       * the selection of authentication methods.
         *     * Embedded SCA Approach:
         *       The Update PSU Data Request might be used
         *       * to add credentials as a first factor authentication data of the PSU and
         *       * to select the authentication method and
         *       * transaction authorisation.
         *
         *     The SCA Approach might depend on the chosen SCA method.
         *     For that reason, the following possible Update PSU Data request can apply to all SCA approaches:
         *
         *     * Select an SCA method in case of several SCA methods are available for the customer.
         *
         *     There are the following request types on this access path:
         *       * Update PSU Identification
         *       * Update PSU Authentication
         *       * Select PSU Autorization Method
         *         WARNING: This method need a reduced header,
         *         therefore many optional elements are not present.
         *         Maybe in a later version the access path will change.
         *       * Transaction Authorisation
         *         WARNING: This method need a reduced header,
         *         therefore many optional elements are not present.
         *         Maybe in a later version the access path will change.
         */
        put: operations["updateConsentsPsuData"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/aspspinformation/v1/aspsps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get ASPSP List
         * @description Gets all ASPSPs currently supported in the Open Banking Platform.
         */
        get: operations["getASPSPList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/aspspinformation/v1/aspsps/{bicFi}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get ASPSP Details
         * @description Gets details about an ASPSP by ID.
         */
        get: operations["getASPSPDetails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/aspspinformation/v1/cities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get City List
         * @description Gets all cities currently supported in the Open Banking Platform.
         */
        get: operations["getCityList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/aspspinformation/v1/cities/{city-id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get City Details
         * @description Gets a city by ID
         */
        get: operations["getCityDetails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/aspspinformation/v1/countries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Country List
         * @description Gets all countries currently supported in the Open Banking Platform.
         */
        get: operations["getCountriesList"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/aspspinformation/v1/countries/{isoCountryCode}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Country Details
         * @description Gets a country by ISO Country Code
         */
        get: operations["getCountryDetails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Bank account clearing number.
         * @example 5392
         */
        clearingNumber: string;
        /**
         * @description Resource identification of the generated payment initiation resource.
         * @example 1234-wertiq-983
         */
        paymentId: string;
        /** @description A list of paymentIds */
        paymentIdList: components["schemas"]["paymentId"][];
        /**
         * @description Resource identification of the generated signing basket resource.
         * @example 1234-basket-567
         */
        basketId: string;
        /**
         * @description Resource identification of the related SCA
         * @example 123auth456
         */
        authorisationId: string;
        /**
         * @description An identification provided by the ASPSP for the later identification of the authentication method selection.
         * @example myAuthenticationID
         */
        authenticationMethodId: string;
        /**
         * @description This identification is denoting the addressed account, where the transaction has been performed.
         * @example qwer3456tzui7890
         */
        accountId: string;
        /** @description ID of the corresponding consent object as returned by an Account Information Consent Request. */
        consentId: string;
        /** @description A list of consentIds */
        consentIdList: components["schemas"]["consentId"][];
        /**
         * @description This identification is given by the attribute transactionId of the corresponding entry of a transaction list.
         * @example 3dc3d5b3-7023-4848-9853-f5400a64e80f
         */
        transactionId: string;
        /**
         * @description Identification for cancellation resource
         * @example 123auth456
         */
        cancellationId: string;
        /** @description Unique end to end identity. */
        cardTransactionId: string;
        /** @description Identification of the Terminal, where the card has been used. */
        terminalId: string;
        /** @description Is the identification of the transaction as used e.g. for reference for deltafunction on application level. */
        entryReference: string;
        /**
         * @description The transaction status is filled with codes of the ISO 20022 data table:
         *     - 'ACCC': 'AcceptedSettlementCompleted' -
         *       Settlement on the creditor's account has been completed.
         *     - 'ACCP': 'AcceptedCustomerProfile' -
         *       Preceding check of technical validation was successful.
         *       Customer profile check was also successful.
         *     - 'ACSC': 'AcceptedSettlementCompleted' -
         *       Settlement on the debtor's account has been completed.
         *
         *       **Usage:** this can be used by the first agent to report to the debtor that the transaction has been completed.
         *
         *       **Warning:** this status is provided for transaction status reasons, not for financial information.
         *       It can only be used after bilateral agreement.
         *     - 'ACSP': '
         *
         *     ' -
         *       All preceding checks such as technical validation and customer profile were successful and therefore the payment initiation has been accepted for execution.
         *     - 'ACTC': 'AcceptedTechnicalValidation' -
         *       Authentication and syntactical and semantical validation are successful.
         *     - 'ACWC': 'AcceptedWithChange' -
         *       Instruction is accepted but a change will be made, such as date or remittance not sent.
         *     - 'ACWP': 'AcceptedWithoutPosting' -
         *       Payment instruction included in the credit transfer is accepted without being posted to the creditor customer's account.
         *     - 'RCVD': 'Received' -
         *       Payment initiation has been received by the receiving agent.
         *     - 'PDNG': 'Pending' -
         *       Payment initiation or individual transaction included in the payment initiation is pending.
         *       Further checks and status update will be performed.
         *     - 'RJCT': 'Rejected' -
         *       Payment initiation or individual transaction included in the payment initiation has been rejected.
         *     - 'CANC': 'Cancelled'
         *       Payment initiation has been cancelled before execution
         *       Remark: This codeis accepted as new code by ISO20022.
         *     - 'ACFC': 'AcceptedFundsChecked' -
         *       Preceding check of technical validation and customer profile was successful and an automatic funds check was positive .
         *       Remark: This code is accepted as new code by ISO20022.
         *     - 'PATC': 'PartiallyAcceptedTechnical'
         *       Correct The payment initiation needs multiple authentications, where some but not yet all have been performed. Syntactical and semantical validations are successful.
         *       Remark: This code is accepted as new code by ISO20022.
         *     - 'PART': 'PartiallyAccepted' -
         *       A number of transactions have been accepted, whereas another number of transactions have not yet achieved 'accepted' status.
         *       Remark: This code may be used only in case of bulk payments. It is only used in a situation where all mandated authorisations have been applied, but some payments have been rejected.
         * @example ACCP
         * @enum {string}
         */
        transactionStatus: "ACCC" | "ACCP" | "ACSC" | "ACSP" | "ACTC" | "ACWC" | "ACWP" | "RCVD" | "PDNG" | "RJCT" | "CANC" | "ACFC" | "PATC" | "PART";
        /**
         * @description The transaction status is filled with codes of the ISO 20022 data table.
         *     Only the codes RCVD, PATC, ACTC, ACWC and RJCT are used:
         *     - 'ACSP': 'AcceptedSettlementInProcess' -
         *       All preceding checks such as technical validation and customer profile were successful and therefore the payment initiation has been accepted for execution.
         *     - 'ACTC': 'AcceptedTechnicalValidation' -
         *       Authentication and syntactical and semantical validation are successful.
         *     - 'ACWC': 'AcceptedWithChange' -
         *       Instruction is accepted but a change will be made, such as date or remittance not sent.
         *     - 'RCVD': 'Received' -
         *       Payment initiation has been received by the receiving agent.
         *     - 'RJCT': 'Rejected' -
         *       Payment initiation or individual transaction included in the payment initiation has been rejected.
         * @example RCVD
         * @enum {string}
         */
        transactionStatus_SBS: "ACSC" | "ACTC" | "PATC" | "RCVD" | "RJCT" | "CANC";
        /**
         * @description This data element is containing information about the status of the SCA method applied.
         *
         *     The following codes are defined for this data type.
         *
         *       * 'received':
         *         An authorisation or cancellation-authorisation resource has been created successfully.
         *       * 'psuIdentified':
         *         The PSU related to the authorisation or cancellation-authorisation resource has been identified.
         *       * 'psuAuthenticated':
         *         The PSU related to the authorisation or cancellation-authorisation resource has been identified and authenticated e.g. by a password or by an access token.
         *       * 'scaMethodSelected':
         *         The PSU/TPP has selected the related SCA routine.
         *         If the SCA method is chosen implicitly since only one SCA method is available,
         *         then this is the first status to be reported instead of 'received'.
         *       * 'started':
         *         The addressed SCA routine has been started.
         *       * 'finalised':
         *         The SCA routine has been finalised successfully.
         *       * 'failed':
         *         The SCA routine failed
         *       * 'exempted':
         *         SCA was exempted for the related transaction, the related authorisation is successful.
         *       * 'authenticationStarted':
         *         Authentication of the PSU has started at the ASPSP.
         *       * 'authoriseCreditorAccountStarted':
         *         Approval of new creditor account for payment has started at the ASPSP.
         * @example psuAuthenticated
         * @enum {string}
         */
        scaStatus: "received" | "psuIdentified" | "psuAuthenticated" | "scaMethodSelected" | "started" | "finalised" | "failed" | "exempted" | "authenticationStarted" | "authoriseCreditorAccountStarted";
        /**
         * @description SCA authentication data, depending on the chosen authentication method.
         *     If the data is binary, then it is base64 encoded.
         */
        scaAuthenticationData: string;
        /**
         * @description This is the overall lifecycle status of the consent.
         *
         *     Valid values are:
         *       - 'received': The consent data have been received and are technically correct.
         *         The data is not authorised yet.
         *       - 'rejected': The consent data have been rejected e.g. since no successful authorisation has taken place.
         *       - 'valid': The consent is accepted and valid for GET account data calls and others as specified in the consent object.
         *       - 'revokedByPsu': The consent has been revoked by the PSU towards the ASPSP.
         *       - 'expired': The consent expired.
         *       - 'terminatedByTpp': The corresponding TPP has terminated the consent by applying the DELETE method to the consent resource.
         *
         *     The ASPSP might add further codes. These codes then shall be contained in the ASPSP's documentation of the XS2A interface
         *     and has to be added to this API definition as well.
         * @enum {string}
         */
        consentStatus: "received" | "rejected" | "valid" | "revokedByPsu" | "expired" | "terminatedByTpp";
        /**
         * @description If equals 'true', the transaction will involve specific transaction cost as shown by the ASPSP in
         *     their public price list or as agreed between ASPSP and PSU.
         *     If equals 'false', the transaction will not involve additional specific transaction costs to the PSU.
         */
        transactionFeeIndicator: boolean;
        /**
         * @description "true", if the consent is for recurring access to the account data.
         *
         *     "false", if the consent is for one access to the account data.
         * @example false
         */
        recurringIndicator: boolean;
        /**
         * @description If "true" indicates that a payment initiation service will be addressed in the same "session".
         * @example false
         */
        combinedServiceIndicator: boolean;
        /**
         * @description If this element equals 'true', the PSU prefers only one booking entry.
         *     If this element equals 'false', the PSU prefers individual booking of all contained individual transactions.
         *
         *     The ASPSP will follow this preference according to contracts agreed on with the PSU.
         * @example false
         */
        batchBookingPreferred: boolean;
        /**
         * @description This data element might be contained, if SCA is required and if the PSU has a choice between different
         *     authentication methods.
         *
         *     Depending on the risk management of the ASPSP this choice might be offered before or after the PSU
         *     has been identified with the first relevant factor, or if an access token is transported.
         *
         *     If this data element is contained, then there is also an hyperlink of type 'startAuthorisationWithAuthenticationMethodSelection'
         *     contained in the response body.
         *
         *     These methods shall be presented towards the PSU for selection by the TPP.
         */
        scaMethods: components["schemas"]["authenticationObject"][];
        chosenScaMethod: components["schemas"]["authenticationObject"];
        /**
         * @description Type of the authentication method.
         *
         *     More authentication types might be added during implementation projects and documented in the ASPSP documentation.
         *
         *       - 'SMS_OTP': An SCA method, where an OTP linked to the transaction to be authorised is sent to the PSU through a SMS channel.
         *       - 'CHIP_OTP': An SCA method, where an OTP is generated by a chip card, e.g. an TOP derived from an EMV cryptogram.
         *         To contact the card, the PSU normally needs a (handheld) device.
         *         With this device, the PSU either reads the challenging data through a visual interface like flickering or
         *         the PSU types in the challenge through the device key pad.
         *         The device then derives an OTP from the challenge data and displays the OTP to the PSU.
         *       - 'PHOTO_OTP': An SCA method, where the challenge is a QR code or similar encoded visual data
         *         which can be read in by a consumer device or specific mobile app.
         *         The device resp. the specific app than derives an OTP from the visual challenge data and displays
         *         the OTP to the PSU.
         *       - 'PUSH_OTP': An OTP is pushed to a dedicated authentication APP and displayed to the PSU.
         * @enum {string}
         */
        authenticationType: "SMS_OTP" | "CHIP_OTP" | "PHOTO_OTP" | "PUSH_OTP";
        /** @description Authentication Object */
        authenticationObject: {
            authenticationType: components["schemas"]["authenticationType"];
            /**
             * @description Depending on the "authenticationType".
             *     This version can be used by differentiating authentication tools used within performing OTP generation in the same authentication type.
             *     This version can be referred to in the ASPSP?s documentation.
             */
            authenticationVersion?: string;
            authenticationMethodId: components["schemas"]["authenticationMethodId"];
            /**
             * @description This is the name of the authentication method defined by the PSU in the Online Banking frontend of the ASPSP.
             *     Alternatively this could be a description provided by the ASPSP like "SMS OTP on phone +49160 xxxxx 28".
             *     This name shall be used by the TPP when presenting a list of authentication methods to the PSU, if available.
             * @example SMS OTP on phone +49160 xxxxx 28
             */
            name?: string;
            /**
             * @description Detailed information about the SCA method for the PSU.
             * @example Detailed information about the SCA method for the PSU.
             */
            explanation?: string;
        };
        /**
         * @description JSON Body of a establish signing basket request.
         *     The body shall contain at least one entry.
         */
        signingBasket: {
            paymentIds?: components["schemas"]["paymentIdList"];
            consentIds?: components["schemas"]["consentIdList"];
        };
        /**
         * @description It is contained in addition to the data element 'chosenScaMethod' if challenge data is needed for SCA.
         *     In rare cases this attribute is also used in the context of the 'startAuthorisationWithPsuAuthentication' link.
         */
        challengeData: {
            /** @description PNG (max. 512 kilobyte) to be displayed to the PSU, e.g. the QR code of a decoupled BankID authorisation, as a data URL. */
            image?: string;
            /** @description String challenge data; for a decoupled BankID authorisation the first item is the autostart token. */
            data?: string[];
            /**
             * Format: url
             * @description A link where the ASPSP will provides the challenge image for the TPP.
             */
            imageLink?: string;
            /** @description The maximal length for the OTP to be typed in by the PSU. */
            otpMaxLength?: number;
            /**
             * @description The format type of the OTP to be typed in. The admitted values are "characters" or "integer".
             * @enum {string}
             */
            otpFormat?: "characters" | "integer";
            /**
             * @description Additional explanation for the PSU to explain
             *     e.g. fallback mechanism for the chosen SCA method.
             *     The TPP is obliged to show this to the PSU.
             */
            additionalInformation?: string;
        };
        /** @description Link to a resource */
        hrefType: {
            href?: components["schemas"]["hrefEntry"];
        };
        /**
         * @description Link to a resource
         * @example /v1/payments/sepa-credit-transfers/1234-wertiq-983
         */
        hrefEntry: string;
        /** @description An array of all authorisationIds */
        authorisationsList: components["schemas"]["authorisationId"][];
        /** @description An array of all authorisationIds */
        authorisations: {
            authorisationIds: components["schemas"]["authorisationsList"];
        };
        /**
         * @description Reference to an account by either
         *       * IBAN, of a payment accounts, or
         *       * BBAN, for payment accounts if there is no IBAN, or
         *       * the Primary Account Number (PAN) of a card, can be tokenised by the ASPSP due to PCI DSS requirements, or
         *       * the Primary Account Number (PAN) of a card in a masked form, or
         *       * an alias to access a payment account via a registered mobile phone number (MSISDN).
         */
        accountReference: {
            iban?: components["schemas"]["iban"];
            bban?: components["schemas"]["bban"];
            pan?: components["schemas"]["pan"];
            maskedPan?: components["schemas"]["maskedPan"];
            msisdn?: components["schemas"]["msisdn"];
            clearingNumber?: components["schemas"]["clearingNumber"];
            currency?: components["schemas"]["currencyCode"];
        };
        /**
         * @description Reference to an account by either
         *       * IBAN, of a payment accounts, or
         *       * BBAN, for payment accounts if there is no IBAN, or,
         *       * BankGiro/PlusGiro for corporate Swedish accounts, or
         *       * the Primary Account Number (PAN) of a card, can be tokenised by the ASPSP due to PCI DSS requirements, or
         *       * the Primary Account Number (PAN) of a card in a masked form, or
         *       * an alias to access a payment account via a registered mobile phone number (MSISDN).
         */
        accountReferenceWithGiro: {
            iban?: components["schemas"]["iban"];
            bban?: components["schemas"]["bban"];
            pan?: components["schemas"]["pan"];
            maskedPan?: components["schemas"]["maskedPan"];
            msisdn?: components["schemas"]["msisdn"];
            bankgiroNumber?: components["schemas"]["bankGiroNumber"];
            plusgiroNumber?: components["schemas"]["plusGiroNumber"];
            clearingNumber?: components["schemas"]["clearingNumber"];
            currency?: components["schemas"]["currencyCode"];
        };
        /**
         * @description Reference to an account by either
         *       * IBAN, of a payment accounts, or
         *       * BBAN, for payment accounts if there is no IBAN, or
         *       * the Primary Account Number (PAN) of a card, can be tokenised by the ASPSP due to PCI DSS requirements, or
         *       * the Primary Account Number (PAN) of a card in a masked form, or
         *       * an alias to access a payment account via a registered mobile phone number (MSISDN), or
         *       * Swedish BankGiro number, or
         *       * Swedish PlusGiro number.
         */
        trnsCreditorAccountReference: {
            iban?: components["schemas"]["iban"];
            bban?: components["schemas"]["bban"];
            pan?: components["schemas"]["pan"];
            maskedPan?: components["schemas"]["maskedPan"];
            msisdn?: components["schemas"]["msisdn"];
            currency?: components["schemas"]["currencyCode"];
            bankGiro?: components["schemas"]["bankGiroNumber"];
            plusGiro?: components["schemas"]["plusGiroNumber"];
        };
        /** @description Reference to a Swedish BankGiro or PlusGiro account */
        giroReference: {
            giroNumber: components["schemas"]["giroNumber"];
            giroType: components["schemas"]["giroType"];
        };
        giroInvoiceReference: {
            /**
             * @description Custom invoice reference
             * @example Payment for cottage rental: invoicenr 4421
             */
            invoiceRef: string;
        };
        giroOcrReference: {
            /**
             * @description Giro OCR reference.
             * @example 3020000071266464
             */
            ocrRef: string;
        };
        /**
         * @description The following balance types are defined:
         *       - "closingBooked":
         *         Balance of the account at the end of the pre-agreed account reporting period.
         *         It is the sum of the opening booked balance at the beginning of the period and all entries booked
         *         to the account during the pre-agreed account reporting period.
         *
         *         For card-accounts, this is composed of
         *
         *           - invoiced, but not yet paid entries
         *
         *       - "expected":
         *         Balance composed of booked entries and pending items known at the time of calculation,
         *         which projects the end of day balance if everything is booked on the account and no other entry is posted.
         *
         *         For card accounts, this is composed of
         *           - invoiced, but not yet paid entries,
         *           - not yet invoiced but already booked entries and
         *           - pending items (not yet booked)
         *
         *       - "authorised":
         *         The expected balance together with the value of a pre-approved credit line the ASPSP makes permanently available to the user.
         *
         *         For card-accounts:
         *
         *         "money to spend with the value of a pre-approved credit limit on the card account"
         *
         *       - "openingBooked":
         *         Book balance of the account at the beginning of the account reporting period.
         *         It always equals the closing book balance from the previous report.
         *       - "interimAvailable":
         *         Available balance calculated in the course of the account ?servicer?s business day,
         *         at the time specified, and subject to further changes during the business day.
         *         The interim balance is calculated on the basis of booked credit and debit items during the calculation
         *         time/period specified.
         *
         *         For card-accounts, this is composed of
         *           - invoiced, but not yet paid entries,
         *           - not yet invoiced but already booked entries
         *       - "forwardAvailable":
         *         Forward available balance of money that is at the disposal of the account owner on the date specified.
         *       - "nonInvoiced":
         *         Only for card accounts, to be checked yet.
         * @enum {string}
         */
        balanceType: "closingBooked" | "expected" | "authorised" | "openingBooked" | "interimAvailable" | "interimBooked" | "forwardAvailable" | "nonInvoiced";
        /** @description Requested access services for a consent. */
        accountAccess: {
            /**
             * @description Is asking for detailed account information.
             *
             *     If the array is empty, the TPP is asking for an accessible account list.
             *     This may be restricted in a PSU/ASPSP authorization dialogue.
             *     If the array is empty, also the arrays for balances or transactions shall be empty, if used.
             */
            accounts?: components["schemas"]["accountReference"][];
            /**
             * @description Is asking for balances of the addressed accounts.
             *
             *     If the array is empty, the TPP is asking for the balances of all accessible account lists.
             *     This may be restricted in a PSU/ASPSP authorization dialogue.
             *     If the array is empty, also the arrays for accounts or transactions shall be empty, if used.
             */
            balances?: components["schemas"]["accountReference"][];
            /**
             * @description Is asking for transactions of the addressed accounts.
             *
             *     If the array is empty, the TPP is asking for the transactions of all accessible account lists.
             *     This may be restricted in a PSU/ASPSP authorization dialogue.
             *     If the array is empty, also the arrays for accounts or balances shall be empty, if used.
             */
            transactions?: components["schemas"]["accountReference"][];
            /**
             * @description Optional if supported by API provider.
             *
             *     Only the values "allAccounts" or "allAccountsWithBalances" is admitted.
             * @enum {string}
             */
            availableAccounts?: "allAccounts" | "allAccountsWithBalances";
            /**
             * @description Optional if supported by API provider.
             *
             *     Only the value "allAccounts" is admitted.
             * @enum {string}
             */
            allPsd2?: "allAccounts";
        };
        /** @description ExternalCashAccountType1Code from ISO 20022. */
        cashAccountType: string;
        /**
         * @description Account status. The value is one of the following:
         *       - "enabled": account is available
         *       - "deleted": account is terminated
         *       - "blocked": account is blocked e.g. for legal reasons
         *     If this field is not used, than the account is available in the sense of this specification.
         * @enum {string}
         */
        accountStatus: "enabled" | "deleted" | "blocked";
        /**
         * @description The ASPSP shall give at least one of the account reference identifiers:
         *       - iban
         *       - bban
         *       - pan
         *       - maskedPan
         *       - msisdn
         *     If the account is a multicurrency account currency code in "currency" is set to "XXX".
         */
        accountDetails: {
            /** @description This shall be filled, if addressable resource are created by the ASPSP on the /accounts or /card-accounts endpoint. */
            resourceId?: string;
            iban?: components["schemas"]["iban"];
            bban?: components["schemas"]["bban"];
            msisdn?: components["schemas"]["msisdn"];
            bankgiroNumber?: components["schemas"]["bankGiroNumber"];
            plusgiroNumber?: components["schemas"]["plusGiroNumber"];
            currency: components["schemas"]["currencyCode"];
            /** @description Name of the account given by the bank or the PSU in online-banking. */
            name?: string;
            /** @description Product name of the bank for this account, proprietary definition. */
            product?: string;
            cashAccountType?: components["schemas"]["cashAccountType"];
            status?: components["schemas"]["accountStatus"];
            bic?: components["schemas"]["bicfi"];
            /** @description Case of a set of pending card transactions, the APSP will provide the relevant cash account the card is set up on. */
            linkedAccounts?: string;
            /**
             * @description Specifies the usage of the account
             *       * PRIV: private personal account
             *       * ORGA: professional account
             * @enum {string}
             */
            usage?: "PRIV" | "ORGA";
            /**
             * @description Specifications that might be provided by the ASPSP
             *       - characteristics of the account
             *       - characteristics of the relevant card
             */
            details?: string;
            balances?: components["schemas"]["balanceList"];
            _links?: components["schemas"]["_linksAccountDetails"];
            /**
             * @description Name of the legal account owner.
             *     If there is more than one owner, then e.g. two names might be noted here.
             *
             *     For a corporate account, the corporate name is used for this attribute.
             *     Even if supported by the ASPSP, the provision of this field might depend on the fact whether an explicit consent to this specific additional account information has been given by the PSU.
             * @example John Doe
             */
            ownerName?: string;
            clearingNumber?: components["schemas"]["clearingNumber"];
        };
        /** @description Card account details */
        cardAccountDetails: {
            /**
             * @description This is the data element to be used in the path when retrieving data from a dedicated account.
             *     This shall be filled, if addressable resource are created by the ASPSP on the /card-accounts endpoint.
             */
            resourceId?: string;
            maskedPan: components["schemas"]["maskedPan"];
            currency: components["schemas"]["currencyCode"];
            /** @description Name of the account given by the bank or the PSU in online-banking. */
            name?: string;
            /** @description Product name of the bank for this account, proprietary definition. */
            product?: string;
            status?: components["schemas"]["accountStatus"];
            /**
             * @description Specifies the usage of the account
             *       * PRIV: private personal account
             *       * ORGA: professional account
             * @enum {string}
             */
            usage?: "PRIV" | "ORGA";
            /**
             * @description Specifications that might be provided by the ASPSP
             *       - characteristics of the account
             *       - characteristics of the relevant card
             */
            details?: string;
            creditLimit?: components["schemas"]["amount"];
            balances?: components["schemas"]["balanceList"];
            _links?: components["schemas"]["_linksAccountDetails"];
        };
        /** @description List of accounts with details. */
        accountList: {
            accounts: components["schemas"]["accountDetails"][];
        };
        /** @description List of card accounts with details. */
        cardAccountList: {
            cardAccounts: components["schemas"]["cardAccountDetails"][];
        };
        /**
         * @description JSON based account report.
         *     This account report contains transactions resulting from the query parameters.
         *
         *     'booked' shall be contained if bookingStatus parameter is set to "booked" or "both".
         *
         *     'pending' is not contained if the bookingStatus parameter is set to "booked".
         */
        accountReport: {
            booked?: components["schemas"]["transactionList"];
            pending?: components["schemas"]["transactionList"];
            _links: components["schemas"]["_linksAccountReport"];
        };
        /**
         * @description JSON based card account report.
         *
         *     This card account report contains transactions resulting from the query parameters.
         */
        cardAccountReport: {
            booked: components["schemas"]["cardTransactionList"];
            pending?: components["schemas"]["cardTransactionList"];
            _links: components["schemas"]["_linksCardAccountReport"];
        };
        /** @description Array of transaction details */
        transactionList: components["schemas"]["transactionDetails"][];
        /** @description Array of transaction details */
        cardTransactionList: components["schemas"]["cardTransaction"][];
        /** @description Transaction details */
        transactionDetails: {
            /**
             * @description the Transaction Id can be used as access-ID in the API, where more details on an transaction is offered.
             *     If this data attribute is provided this shows that the AIS can get access on more details about this
             *     transaction using the GET Transaction Details Request
             */
            transactionId?: string;
            /**
             * @description Is the identification of the transaction as used e.g. for reference for deltafunction on application level.
             *     The same identification as for example used within camt.05x messages.
             */
            entryReference?: string;
            /** @description Unique end to end identity. */
            endToEndId?: string;
            /** @description Identification of Mandates, e.g. a SEPA Mandate ID. */
            mandateId?: string;
            /** @description Identification of a Cheque. */
            checkId?: string;
            /** @description Identification of Creditors, e.g. a SEPA Creditor ID. */
            creditorId?: string;
            bookingDate?: components["schemas"]["bookingDate"];
            /**
             * Format: date
             * @description The Date at which assets become available to the account owner in case of a credit.
             */
            valueDate?: string;
            transactionAmount: components["schemas"]["amount"];
            currencyExchange?: components["schemas"]["reportExchangeRateList"];
            creditorName?: components["schemas"]["creditorName"];
            creditorAccount?: components["schemas"]["trnsCreditorAccountReference"];
            ultimateCreditor?: components["schemas"]["ultimateCreditor"];
            debtorName?: components["schemas"]["debtorName"];
            debtorAccount?: components["schemas"]["accountReference"];
            ultimateDebtor?: components["schemas"]["ultimateDebtor"];
            remittanceInformationUnstructured?: components["schemas"]["remittanceInformationUnstructured"];
            /**
             * @description Reference as contained in the structured remittance reference structure (without the surrounding XML structure).
             *
             *     Different from other places the content is containt in plain form not in form of a structered field.
             */
            remittanceInformationStructured?: string;
            /** @description Might be used by the ASPSP to transport additional transaction related information to the PSU. */
            additionalInformation?: string;
            purposeCode?: components["schemas"]["purposeCode"];
            bankTransactionCode?: components["schemas"]["bankTransactionCode"];
            proprietaryBankTransactionCode?: components["schemas"]["proprietaryBankTransactionCode"];
            transactionListId?: components["schemas"]["transactionListId"];
            _links?: components["schemas"]["_linksTransactionDetails"];
        };
        /** @description Card transaction information */
        cardTransaction: {
            cardTransactionId?: components["schemas"]["cardTransactionId"];
            terminalId?: components["schemas"]["terminalId"];
            transactionDate?: components["schemas"]["transactionDate"];
            bookingDate?: components["schemas"]["bookingDate"];
            transactionAmount: components["schemas"]["amount"];
            currencyExchange?: components["schemas"]["reportExchangeRateList"];
            originalAmount?: components["schemas"]["amount"];
            markupFee?: components["schemas"]["amount"];
            /** @example 0.3 */
            markupFeePercentage?: string;
            cardAcceptorId?: string;
            cardAcceptorAddress?: components["schemas"]["address"];
            merchantCategoryCode?: components["schemas"]["merchantCategoryCode"];
            maskedPAN?: components["schemas"]["maskedPan"];
            transactionDetails?: string;
            invoiced?: boolean;
            proprietaryBankTransactionCode?: components["schemas"]["proprietaryBankTransactionCode"];
        };
        /** @description Array of exchange rates */
        reportExchangeRateList: components["schemas"]["reportExchangeRate"][];
        /** @description Exchange Rate */
        reportExchangeRate: {
            sourceCurrency: components["schemas"]["currencyCode"];
            exchangeRate: string;
            unitCurrency: string;
            targetCurrency: components["schemas"]["currencyCode"];
            /** Format: date */
            quotationDate: string;
            contractIdentification?: string;
        };
        /** @description Exchange Rate */
        paymentExchangeRate: {
            unitCurrency?: string;
            exchangeRate?: string;
            contractIdentification?: string;
            /** @enum {string} */
            rateType?: "SPOT" | "SALE" | "AGRD";
        };
        /** @description A single balance element */
        balance: {
            balanceAmount: components["schemas"]["amount"];
            balanceType: components["schemas"]["balanceType"];
            /**
             * @description A flag indicating if the credit limit of the corresponding account
             *     is included in the calculation of the balance, where applicable.
             * @example false
             */
            creditLimitIncluded?: boolean;
            /**
             * Format: date-time
             * @description This data element might be used to indicate e.g. with the expected or booked balance that no action is known
             *     on the account, which is not yet booked.
             */
            lastChangeDateTime?: string;
            /**
             * Format: date
             * @description Reference date of the balance
             */
            referenceDate?: string;
            /**
             * @description "entryReference" of the last commited transaction to support the TPP in identifying whether all
             *     PSU transactions are already known.
             */
            lastCommittedTransaction?: string;
            clearingNumber?: components["schemas"]["clearingNumber"];
        };
        /**
         * @description A list of balances regarding this account, e.g. the current balance, the last booked balance.
         *     The list migght be restricted to the current ballance.
         */
        balanceList: components["schemas"]["balance"][];
        /** @description An array of all cancellationIds connected to this resource. */
        cancellationList: {
            cancellationIds: components["schemas"]["cancellationId"][];
        };
        /**
         * @description BICFI
         * @example AAAADEBBXXX
         */
        bicfi: string;
        /**
         * @description Primary Account Number according to ISO/IEC 7812.
         * @example 5409050000000000
         */
        pan: string;
        /**
         * @description Masked Primary Account Number
         * @example 123456xxxxxx1234
         */
        maskedPan: string;
        /**
         * @description Basic Bank Account Number (BBAN) Identifier
         *
         *     This data element can be used in the body of the Consent Request
         *       Message for retrieving Account access Consent from this Account. This
         *       data elements is used for payment Accounts which have no IBAN.
         *       ISO20022: Basic Bank Account Number (BBAN).
         *
         *       Identifier used nationally by financial institutions, i.e., in individual countries,
         *       generally as part of a National Account Numbering Scheme(s),
         *       which uniquely identifies the account of a customer.
         * @example BARC12345612345678
         */
        bban: string;
        /**
         * @description Mobile phone number.
         * @example +49 170 1234567
         */
        msisdn: string;
        /**
         * @description IBAN of an account
         * @example FR7612345987650123456789014
         */
        iban: string;
        /**
         * @description Swedish BankGiro or PlusGiro number
         * @example 524-7472
         */
        giroNumber: string;
        /**
         * @description Swedish giro type
         * @enum {string}
         */
        giroType: "BANKGIRO" | "PLUSGIRO";
        /**
         * @description Swedish BankGiro number
         * @example 524-7472
         */
        bankGiroNumber: string;
        /**
         * @description Swedish PlusGiro number
         * @example 948294-5
         */
        plusGiroNumber: string;
        /**
         * @example {
         *       "street": "rue blue",
         *       "buildingnNumber": "89",
         *       "city": "Paris",
         *       "postalCode": "75000",
         *       "country": "FR"
         *     }
         */
        address: {
            street?: string;
            buildingNumber?: string;
            city?: string;
            postalCode?: string;
            country: components["schemas"]["countryCode"];
        };
        /**
         * @description ISO 3166 ALPHA2 country code
         * @example SE
         */
        countryCode: string;
        /**
         * @description Creditor Name and Address in a free text field
         * @example Max Masters, Main Street 1, 12345 City, Example Country
         */
        creditorNameAndAddress: string;
        /**
         * @example {
         *       "currency": "EUR",
         *       "amount": "123"
         *     }
         */
        amount: {
            currency: components["schemas"]["currencyCode"];
            amount: components["schemas"]["amountValue"];
        };
        /**
         * @description ISO 4217 Alpha 3 currency code
         * @example EUR
         */
        currencyCode: string;
        /**
         * @description The amount given with fractional digits, where fractions must be compliant to the currency definition.
         *     Up to 14 significant figures. Negative amounts are signed by minus.
         *     The decimal separator is a dot.
         *
         *     **Example:**
         *     Valid representations for EUR with up to two decimals are:
         *
         *       * 1056
         *       * 5768.2
         *       * -1.50
         *       * 5877.78
         * @example 5877.78
         */
        amountValue: string;
        /**
         * @description Charge Bearer. ChargeBearerType1Code from ISO20022
         * @enum {string}
         */
        chargeBearer: "DEBT" | "CRED" | "SHAR" | "SLEV";
        /** @description Structured remittance information */
        remittanceInformationStructured: {
            reference: string;
            referenceType?: string;
            referenceIssuer?: string;
        };
        /**
         * @description Unstructured remittance information
         * @example Ref Number Merchant
         */
        remittanceInformationUnstructured: string;
        /**
         * @description Array of unstructured remittance information
         * @example [
         *       "Ref Number Merchant",
         *       "Some Other Text"
         *     ]
         */
        remittanceInformationUnstructuredArray: components["schemas"]["remittanceInformationUnstructured"][];
        /**
         * @description ExternalPurpose1Code from ISO 20022.
         *
         *     Values from ISO 20022 External Code List ExternalCodeSets_1Q2018 June 2018.
         * @enum {string}
         */
        purposeCode: "BKDF" | "BKFE" | "BKFM" | "BKIP" | "BKPP" | "CBLK" | "CDCB" | "CDCD" | "CDCS" | "CDDP" | "CDOC" | "CDQC" | "ETUP" | "FCOL" | "MTUP" | "ACCT" | "CASH" | "COLL" | "CSDB" | "DEPT" | "INTC" | "LIMA" | "NETT" | "BFWD" | "CCIR" | "CCPC" | "CCPM" | "CCSM" | "CRDS" | "CRPR" | "CRSP" | "CRTL" | "EQPT" | "EQUS" | "EXPT" | "EXTD" | "FIXI" | "FWBC" | "FWCC" | "FWSB" | "FWSC" | "MARG" | "MBSB" | "MBSC" | "MGCC" | "MGSC" | "OCCC" | "OPBC" | "OPCC" | "OPSB" | "OPSC" | "OPTN" | "OTCD" | "REPO" | "RPBC" | "RPCC" | "RPSB" | "RPSC" | "RVPO" | "SBSC" | "SCIE" | "SCIR" | "SCRP" | "SHBC" | "SHCC" | "SHSL" | "SLEB" | "SLOA" | "SWBC" | "SWCC" | "SWPT" | "SWSB" | "SWSC" | "TBAS" | "TBBC" | "TBCC" | "TRCP" | "AGRT" | "AREN" | "BEXP" | "BOCE" | "COMC" | "CPYR" | "GDDS" | "GDSV" | "GSCB" | "LICF" | "MP2B" | "POPE" | "ROYA" | "SCVE" | "SERV" | "SUBS" | "SUPP" | "TRAD" | "CHAR" | "COMT" | "MP2P" | "ECPG" | "ECPR" | "ECPU" | "EPAY" | "CLPR" | "COMP" | "DBTC" | "GOVI" | "HLRP" | "HLST" | "INPC" | "INPR" | "INSC" | "INSU" | "INTE" | "LBRI" | "LIFI" | "LOAN" | "LOAR" | "PENO" | "PPTI" | "RELG" | "RINP" | "TRFD" | "FORW" | "FXNT" | "ADMG" | "ADVA" | "BCDM" | "BCFG" | "BLDM" | "BNET" | "CBFF" | "CBFR" | "CCRD" | "CDBL" | "CFEE" | "CGDD" | "CORT" | "COST" | "CPKC" | "DCRD" | "DSMT" | "DVPM" | "EDUC" | "FACT" | "FAND" | "FCPM" | "FEES" | "GOVT" | "ICCP" | "IDCP" | "IHRP" | "INSM" | "IVPT" | "MCDM" | "MCFG" | "MSVC" | "NOWS" | "OCDM" | "OCFG" | "OFEE" | "OTHR" | "PADD" | "PTSP" | "RCKE" | "RCPT" | "REBT" | "REFU" | "RENT" | "REOD" | "RIMB" | "RPNT" | "RRBN" | "RVPM" | "SLPI" | "SPLT" | "STDY" | "TBAN" | "TBIL" | "TCSC" | "TELI" | "TMPG" | "TPRI" | "TPRP" | "TRNC" | "TRVC" | "WEBI" | "ANNI" | "CAFI" | "CFDI" | "CMDT" | "DERI" | "DIVD" | "FREX" | "HEDG" | "INVS" | "PRME" | "SAVG" | "SECU" | "SEPI" | "TREA" | "UNIT" | "FNET" | "FUTR" | "ANTS" | "CVCF" | "DMEQ" | "DNTS" | "HLTC" | "HLTI" | "HSPC" | "ICRF" | "LTCF" | "MAFC" | "MARF" | "MDCS" | "VIEW" | "CDEP" | "SWFP" | "SWPP" | "SWRS" | "SWUF" | "ADCS" | "AEMP" | "ALLW" | "ALMY" | "BBSC" | "BECH" | "BENE" | "BONU" | "CCHD" | "COMM" | "CSLP" | "GFRP" | "GVEA" | "GVEB" | "GVEC" | "GVED" | "GWLT" | "HREC" | "PAYR" | "PEFC" | "PENS" | "PRCP" | "RHBS" | "SALA" | "SSBE" | "LBIN" | "LCOL" | "LFEE" | "LMEQ" | "LMFI" | "LMRK" | "LREB" | "LREV" | "LSFL" | "ESTX" | "FWLV" | "GSTX" | "HSTX" | "INTX" | "NITX" | "PTXP" | "RDTX" | "TAXS" | "VATX" | "WHLD" | "TAXR" | "B112" | "BR12" | "TLRF" | "TLRR" | "AIRB" | "BUSB" | "FERB" | "RLWY" | "TRPT" | "CBTV" | "ELEC" | "ENRG" | "GASB" | "NWCH" | "NWCM" | "OTLC" | "PHON" | "UBIL" | "WTER";
        /**
         * @description Bank transaction code as used by the ASPSP and using the sub elements of this structured code defined by ISO 20022.
         *
         *     This code type is concatenating the three ISO20022 Codes
         *       * Domain Code,
         *       * Family Code, and
         *       * SubFamiliy Code
         *     by hyphens, resulting in 'DomainCode'-'FamilyCode'-'SubFamilyCode'.
         * @example PMNT-RCDT-ESCT
         */
        bankTransactionCode: string;
        /**
         * @description Proprietary bank transaction code as used within a community or within an ASPSP e.g.
         *     for MT94x based transaction reports.
         */
        proprietaryBankTransactionCode: string;
        /**
         * @description Only available for transactions in booked state.
         *
         *     Generated from the transaction details per transaction, meaning that duplicates may occur for identical transactions on the same day with the same account balance at the transaction time.
         */
        transactionListId: string;
        /** @description Merchant category code */
        merchantCategoryCode: string;
        /**
         * @description The following codes from the "EventFrequency7Code" of ISO 20022 are supported.
         *     - "Daily"
         *     - "Weekly"
         *     - "EveryTwoWeeks"
         *     - "Monthly"
         *     - "EveryTwoMonths"
         *     - "Quarterly"
         *     - "SemiAnnual"
         *     - "Annual"
         * @enum {string}
         */
        frequencyCode: "Daily" | "Weekly" | "EveryTwoWeeks" | "Monthly" | "EveryTwoMonths" | "Quarterly" | "SemiAnnual" | "Annual";
        /**
         * @description This field indicates the requested maximum frequency for an access without PSU involvement per day.
         *     For a one-off access, this attribute is set to "1".
         *
         *     The frequency needs to be greater equal to one.
         *
         *     If not otherwise agreed bilaterally between TPP and ASPSP, the frequency is less equal to 4.
         * @example 4
         */
        frequencyPerDay: number;
        /**
         * @description Day of execution as string.
         *
         *     This string consists of up two characters.
         *     Leading zeroes are not allowed.
         *
         *     31 is ultimo of the month.
         * @enum {string}
         */
        dayOfExecution: "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "10" | "11" | "12" | "13" | "14" | "15" | "16" | "17" | "18" | "19" | "20" | "21" | "22" | "23" | "24" | "25" | "26" | "27" | "28" | "29" | "30" | "31";
        /**
         * @description "following" or "preceding" supported as values.
         *     This data attribute defines the behaviour when recurring payment dates falls on a weekend or bank holiday.
         *     The payment is then executed either the "preceding" or "following" working day.
         *     ASPSP might reject the request due to the communicated value, if rules in Online-Banking are not supporting
         *     this execution rule.
         * @enum {string}
         */
        executionRule: "following" | "preceding";
        /** @description PSU Data for Update PSU Authentication. */
        psuData: {
            /** @description Password */
            password?: string;
            /** @description Encrypted password. */
            encryptedPassword?: string;
        };
        /** @description Text to be displayed to the PSU */
        psuMessageText: string;
        /**
         * @description Creditor Name
         * @example Creditor Name
         */
        creditorName: string;
        /**
         * @description Creditor Agent Name
         * @example Creditor Agent Name
         */
        creditorAgentName: string;
        /**
         * @description Debtor Name
         * @example Debtor Name
         */
        debtorName: string;
        /**
         * @description Ultimate Debtor
         * @example Ultimate Debtor
         */
        ultimateDebtor: string;
        /**
         * @description Debtor Id
         * @example Debtor Id 1234
         */
        debtorId: string;
        /**
         * @description Ultimate Creditor
         * @example Ultimate Creditor
         */
        ultimateCreditor: string;
        /**
         * Format: date
         * @description Date of the actual card transaction
         */
        transactionDate: string;
        /**
         * Format: date
         * @description The first applicable day of execution starting from this date is the first payment.
         */
        startDate: string;
        /**
         * Format: date
         * @description The last applicable day of execution
         *     If not given, it is an infinite standing order.
         */
        endDate: string;
        /**
         * Format: date
         * @description The Date when an entry is posted to an account on the ASPSPs books.
         */
        bookingDate: string;
        /**
         * Format: date
         * @description This parameter is requesting a valid until date for the requested consent.
         *     The content is the local ASPSP date in ISO-Date Format, e.g. 2017-10-30.
         *
         *     Future dates might get adjusted by ASPSP.
         *
         *     If a maximal available date is requested, a date in far future is to be used: "9999-12-31".
         *
         *     In both cases the consent object to be retrieved by the GET Consent Request will contain the adjusted date.
         * @example 2020-12-31
         */
        validUntil: string;
        /**
         * Format: date
         * @description This date is containing the date of the last action on the consent object either through
         *     the XS2A interface or the PSU/ASPSP interface having an impact on the status.
         * @example 2018-07-01
         */
        lastActionDate: string;
        /**
         * @description Generic Body for a payment initation via JSON.
         *
         *     This generic JSON body can be used to represent valid payment initiations for the following JSON based payment product,
         *     which where defined in the Implementation Guidelines:
         *
         *       * sepa-credit-transfers
         *       * instant-sepa-credit-transfers
         *       * target-2-payments
         *       * cross-border-credit-transfers
         *
         *     For the convenience of the implementer additional which are already predefinded in the Implementation Guidelines
         *     are included (but commented in source code), such that an ASPSP may add them easily.
         *
         *     Take care: Since the format is intended to fit for all payment products
         *     there are additional conditions which are NOT covered by this specification.
         *     Please check the Implementation Guidelines for detailes.
         *
         *
         *     The following data element are depending on the actual payment product available (in source code):
         *
         *      <table style="width:100%">
         *      <tr><th>Data Element</th><th>SCT EU Core</th><th>SCT INST EU Core</th><th>Target2 Paym. Core</th><th>Cross Border CT Core</th></tr>
         *      <tr><td>endToEndIdentification</td><td> optional</td> <td>optional</td> <td>optional</td> <td>n.a.</td> </tr>
         *      <tr><td>debtorAccount</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>debtorId</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>ultimateDebtor</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>instructedAmount</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>transactionCurrency</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>exchangeRateInformation</td> <td>n.a.</td> <td>n.a.</td><td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>creditorAccount</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>creditorAgent</td> <td>optional</td> <td>optional</td> <td>optional</td> <td>conditional </td> </tr>
         *      <tr><td>creditorAgentName</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>creditorName</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>creditorId</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>creditorAddress</td>optional</td> <td>optional</td> <td>optional</td> <td>conditional </td> </tr>
         *      <tr><td>creditorNameAndAddress</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>ultimateCreditor</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>purposeCode</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>chargeBearer</td> <td>n.a.</td> <td>n.a.</td> <td>optional</td> <td>conditional </td> </tr>
         *      <tr><td>remittanceInformationUnstructured</td> <td>optional</td> <td>optional</td> <td> optional</td> <td>optional</td> </tr>
         *      <tr><td>remittanceInformationUnstructuredArray</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>remittanceInformationStructured</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>requestedExecutionDate</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>requestedExecutionTime</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *         </td></tr>
         *       </table>
         *
         *     IMPORTANT: In this API definition the following holds:
         *       *  All data elements mentioned above are defined, but some of them are commented,
         *         i.e. they are only visible in the source code and can be used by uncommenting them.
         *       * Data elements which are mandatory in the table above for all payment products
         *         are set to be mandatory in this specification.
         *       * Data elements which are indicated in the table above as n.a. for all payment products are commented in the source code.
         *       * Data elements which are indicated to be option, conditional or mandatory for at least one payment product
         *         in the table above are set to be optional in the s specification except the case where all are definde to be mandatory.
         *       * Data element which are inticated to be n.a. can be used by the ASPS if needed.
         *         In this case uncomment tthe the relatetd lines in the source code.
         *       * If one uses this data types for some payment products he has to ensure that the used data type is
         *         valid according to the underlying payment product, e.g. by some appropriate validations.
         */
        paymentInitiation_json: {
            endToEndIdentification?: string;
            debtorAccount: components["schemas"]["accountReferenceWithGiro"];
            instructedAmount: components["schemas"]["amount"];
            creditorAccount: components["schemas"]["accountReference"];
            creditorAgent?: components["schemas"]["bicfi"];
            creditorAgentName?: components["schemas"]["creditorAgentName"];
            creditorName: components["schemas"]["creditorName"];
            creditorAddress?: components["schemas"]["address"];
            remittanceInformationUnstructured?: components["schemas"]["remittanceInformationUnstructured"];
            /** @description Date when payment is scheduled to be executed in ISO-Date Format, e.g. 2020-10-30 */
            requestedExecutionDate?: string;
        };
        /**
         * @description Generic Body for a Swedish BankGiro/PlusGiro payment initation via JSON.
         *
         *     This JSON body can be used to represent valid payment initiations for the following JSON based payment product,
         *
         *       * swedish-giro
         *
         *     For the convenience of the implementer additional which are already predefinded in the Implementation Guidelines
         *     are included (but commented in source code), such that an ASPSP may add them easily.
         *
         *     Take care: Since the format is intended to fit for all payment products
         *     there are additional conditions which are NOT covered by this specification.
         *     Please check the Implementation Guidelines for detailes.
         *
         *
         *     The following data element are depending on the actual payment product available (in source code):
         *
         *      <table style="width:100%">
         *      <tr><th>Data Element</th><th>SCT EU Core</th><th>SCT INST EU Core</th><th>Target2 Paym. Core</th><th>Cross Border CT Core</th></tr>
         *      <tr><td>endToEndIdentification</td><td> optional</td> <td>optional</td> <td>optional</td> <td>n.a.</td> </tr>
         *      <tr><td>debtorAccount</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>debtorId</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>ultimateDebtor</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>instructedAmount</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>transactionCurrency</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>exchangeRateInformation</td> <td>n.a.</td> <td>n.a.</td><td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>creditorAccount</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>creditorAgent</td> <td>optional</td> <td>optional</td> <td>optional</td> <td>conditional </td> </tr>
         *      <tr><td>creditorAgentName</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>creditorName</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>creditorId</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>creditorAddress</td>optional</td> <td>optional</td> <td>optional</td> <td>conditional </td> </tr>
         *      <tr><td>creditorNameAndAddress</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>ultimateCreditor</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>purposeCode</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>chargeBearer</td> <td>n.a.</td> <td>n.a.</td> <td>optional</td> <td>conditional </td> </tr>
         *      <tr><td>remittanceInformationUnstructured</td> <td>optional</td> <td>optional</td> <td> optional</td> <td>optional</td> </tr>
         *      <tr><td>remittanceInformationUnstructuredArray</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>remittanceInformationStructured</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>requestedExecutionDate</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>requestedExecutionTime</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *         </td></tr>
         *       </table>
         *
         *     IMPORTANT: In this API definition the following holds:
         *       *  All data elements mentioned above are defined, but some of them are commented,
         *         i.e. they are only visible in the source code and can be used by uncommenting them.
         *       * Data elements which are mandatory in the table above for all payment products
         *         are set to be mandatory in this specification.
         *       * Data elements which are indicated in the table above as n.a. for all payment products are commented in the source code.
         *       * Data elements which are indicated to be option, conditional or mandatory for at least one payment product
         *         in the table above are set to be optional in the s specification except the case where all are definde to be mandatory.
         *       * Data element which are inticated to be n.a. can be used by the ASPS if needed.
         *         In this case uncomment tthe the relatetd lines in the source code.
         *       * If one uses this data types for some payment products he has to ensure that the used data type is
         *         valid according to the underlying payment product, e.g. by some appropriate validations.
         */
        paymentInitiationSwedishGiro_json: {
            endToEndIdentification?: string;
            debtorAccount: components["schemas"]["accountReferenceWithGiro"];
            instructedAmount: components["schemas"]["amount"];
            creditorGiro: components["schemas"]["giroReference"];
            creditorName: components["schemas"]["creditorName"];
            creditorAgent?: components["schemas"]["bicfi"];
            /** @description Date when payment is scheduled to be executed in ISO-Date Format, e.g. 2020-10-30 */
            requestedExecutionDate?: string;
            debtorAccountMessage?: string;
            creditorAccountMessage?: string;
        } & (components["schemas"]["giroInvoiceReference"] | components["schemas"]["giroOcrReference"]);
        /**
         * @description Generic body for a bulk payment initation entry.
         *
         *     The bulk entry type is a type which follows the JSON formats for the supported products for single payments
         *     excluding the data elements (if supported):
         *       * debtorAccount
         *       * requestedExecutionDate,
         *       * requestedExecutionTime.
         *     These data elements may not be contained in any bulk entry.
         *
         *     This data object can be used to represent valid bulk payment initiations entry for the following JSON based payment product,
         *     which where defined in the Implementation Guidelines:
         *
         *       * sepa-credit-transfers
         *       * instant-sepa-credit-transfers
         *       * target-2-payments
         *       * cross-border-credit-transfers
         *
         *     For the convenience of the implementer additional which are already predefinded in the Implementation Guidelines
         *     are included (but commented in source code), such that an ASPSP may add them easily.
         *
         *     Take care: Since the format is intended to fit for all payment products
         *     there are additional conditions which are NOT covered by this specification.
         *     Please check the Implementation Guidelines for detailes.
         *
         *
         *     The following data element are depending on the actual payment product available (in source code):
         *
         *      <table style="width:100%">
         *      <tr><th>Data Element</th><th>SCT EU Core</th><th>SCT INST EU Core</th><th>Target2 Paym. Core</th><th>Cross Border CT Core</th></tr>
         *      <tr><td>endToEndIdentification</td><td> optional</td> <td>optional</td> <td>optional</td> <td>n.a.</td> </tr>
         *      <tr><td>debtorId</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>ultimateDebtor</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>instructedAmount</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>transactionCurrency</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>exchangeRateInformation</td> <td>n.a.</td> <td>n.a.</td><td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>creditorAccount</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>creditorAgent</td> <td>optional</td> <td>optional</td> <td>optional</td> <td>conditional </td> </tr>
         *      <tr><td>creditorAgentName</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>creditorName</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>creditorId</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>creditorAddress</td>optional</td> <td>optional</td> <td>optional</td> <td>conditional </td> </tr>
         *      <tr><td>creditorNameAndAddress</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>ultimateCreditor</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>purposeCode</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>chargeBearer</td> <td>n.a.</td> <td>n.a.</td> <td>optional</td> <td>conditional </td> </tr>
         *      <tr><td>remittanceInformationUnstructured</td> <td>optional</td> <td>optional</td> <td> optional</td> <td>optional</td> </tr>
         *      <tr><td>remittanceInformationUnstructuredArray</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>remittanceInformationStructured</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *         </td></tr>
         *       </table>
         *
         *     IMPORTANT: In this API definition the following holds:
         *       *  All data elements mentioned above are defined, but some of them are commented,
         *         i.e. they are only visible in the source code and can be used by uncommenting them.
         *       * Data elements which are mandatory in the table above for all payment products
         *         are set to be mandatory in this specification.
         *       * Data elements which are indicated in the table above as n.a. for all payment products are commented in the source code.
         *       * Data elements which are indicated to be option, conditional or mandatory for at least one payment product
         *         in the table above are set to be optional in the s specification except the case where all are definde to be mandatory.
         *       * Data element which are inticated to be n.a. can be used by the ASPS if needed.
         *         In this case uncomment tthe the relatetd lines in the source code.
         *       * If one uses this data types for some payment products he has to ensure that the used data type is
         *         valid according to the underlying payment product, e.g. by some appropriate validations.
         */
        paymentInitiationBulkElement_json: {
            endToEndIdentification?: string;
            instructedAmount: components["schemas"]["amount"];
            creditorAccount: components["schemas"]["accountReference"];
            creditorAgent?: components["schemas"]["bicfi"];
            creditorAgentName?: components["schemas"]["creditorAgentName"];
            creditorName: components["schemas"]["creditorName"];
            creditorAddress?: components["schemas"]["address"];
            remittanceInformationUnstructured?: components["schemas"]["remittanceInformationUnstructured"];
        };
        /**
         * @description Generic Body for a periodic payment initation via JSON.
         *
         *     This generic JSON body can be used to represent valid periodic payment initiations for the following JSON based payment product,
         *     which where defined in the Implementation Guidelines:
         *
         *       * sepa-credit-transfers
         *       * instant-sepa-credit-transfers
         *       * target-2-payments
         *       * cross-border-credit-transfers
         *
         *     For the convenience of the implementer additional which are already predefinded in the Implementation Guidelines
         *     are included (but commented in source code), such that an ASPSP may add them easily.
         *
         *     Take care: Since the format is intended to fit for all payment products
         *     there are additional conditions which are NOT covered by this specification.
         *     Please check the Implementation Guidelines for detailes.
         *
         *
         *     The following data element are depending on the actual payment product available (in source code):
         *
         *      <table style="width:100%">
         *      <tr><th>Data Element</th><th>SCT EU Core</th><th>SCT INST EU Core</th><th>Target2 Paym. Core</th><th>Cross Border CT Core</th></tr>
         *      <tr><td>endToEndIdentification</td><td> optional</td> <td>optional</td> <td>optional</td> <td>n.a.</td> </tr>
         *      <tr><td>debtorAccount</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>debtorId</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>ultimateDebtor</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>instructedAmount</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>transactionCurrency</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>exchangeRateInformation</td> <td>n.a.</td> <td>n.a.</td><td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>creditorAccount</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>creditorAgent</td> <td>optional</td> <td>optional</td> <td>optional</td> <td>conditional </td> </tr>
         *      <tr><td>creditorAgentName</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>creditorName</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>creditorId</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>creditorAddress</td>optional</td> <td>optional</td> <td>optional</td> <td>conditional </td> </tr>
         *      <tr><td>creditorNameAndAddress</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>ultimateCreditor</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>purposeCode</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>chargeBearer</td> <td>n.a.</td> <td>n.a.</td> <td>optional</td> <td>conditional </td> </tr>
         *      <tr><td>remittanceInformationUnstructured</td> <td>optional</td> <td>optional</td> <td> optional</td> <td>optional</td> </tr>
         *      <tr><td>remittanceInformationUnstructuredArray</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>remittanceInformationStructured</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>requestedExecutionDate</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>requestedExecutionTime</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> <td>n.a.</td> </tr>
         *      <tr><td>startDate</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>executionRule</td> <td>optional</td> <td>optional</td> <td>optional</td> <td>optional</td> </tr>
         *      <tr><td>endDate</td> <td>optional</td> <td>optional</td> <td>optional</td> <td>optional</td> </tr>
         *      <tr><td>frequency</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> <td>mandatory</td> </tr>
         *      <tr><td>dayOfExecution</td> <td>conditional</td> <td>conditional</td> <td>conditional</td> <td>conditional</td> </tr>
         *         </td></tr>
         *       </table>
         *
         *     IMPORTANT: In this API definition the following holds:
         *       *  All data elements mentioned above are defined, but some of them are commented,
         *         i.e. they are only visible in the source code and can be used by uncommenting them.
         *       * Data elements which are mandatory in the table above for all payment products
         *         are set to be mandatory in this specification.
         *       * Data elements which are indicated in the table above as n.a. for all payment products are commented in the source code.
         *       * Data elements which are indicated to be option, conditional or mandatory for at least one payment product
         *         in the table above are set to be optional in the s specification except the case where all are definde to be mandatory.
         *       * Data element which are inticated to be n.a. can be used by the ASPS if needed.
         *         In this case uncomment tthe the relatetd lines in the source code.
         *       * If one uses this data types for some payment products he has to ensure that the used data type is
         *         valid according to the underlying payment product, e.g. by some appropriate validations.
         */
        periodicPaymentInitiation_json: {
            endToEndIdentification?: string;
            debtorAccount: components["schemas"]["accountReference"];
            instructedAmount: components["schemas"]["amount"];
            creditorAccount: components["schemas"]["accountReference"];
            creditorAgent?: components["schemas"]["bicfi"];
            creditorName: components["schemas"]["creditorName"];
            creditorAddress?: components["schemas"]["address"];
            remittanceInformationUnstructured?: components["schemas"]["remittanceInformationUnstructured"];
            startDate: components["schemas"]["startDate"];
            endDate?: components["schemas"]["endDate"];
            executionRule?: components["schemas"]["executionRule"];
            frequency: components["schemas"]["frequencyCode"];
            dayOfExecution?: components["schemas"]["dayOfExecution"];
        };
        /**
         * @description Generic Body for a bulk payment initation via JSON.
         *
         *     paymentInformationId is contained in code but commented since it is n.a.
         *     and not all ASPSP are able to support this field now.
         *     In a later version the field will be mandatory.
         */
        bulkPaymentInitiation_json: {
            batchBookingPreferred?: components["schemas"]["batchBookingPreferred"];
            debtorAccount: components["schemas"]["accountReference"];
            /** Format: date */
            requestedExecutionDate?: string;
            /** Format: date-time */
            requestedExecutionTime?: string;
            /**
             * @description A list of generic JSON bodies payment initations for bulk payments via JSON.
             *
             *     Note: Some fields from single payments do not occcur in a bulk payment element
             */
            payments: components["schemas"]["paymentInitiationBulkElement_json"][];
        };
        /**
         * @description JSON Request body for the "Confirmation of Funds Service"
         *
         *     <table>
         *     <tr>
         *       <td>cardNumber</td>
         *       <td>String </td>
         *       <td>Optional</td>
         *       <td>Card Number of the card issued by the PIISP. Should be delivered if available.</td>
         *     </tr>
         *     <tr>
         *       <td>account</td>
         *       <td> Account Reference</td>
         *       <td>Mandatory</td>
         *       <td>PSU's account number.</td>
         *     </tr>
         *     <tr>
         *       <td>payee</td>
         *       <td>Max70Text</td>
         *       <td>Optional</td>
         *       <td>The merchant where the card is accepted as an information to the PSU.</td>
         *     </tr>
         *     <tr>
         *       <td>instructedAmount</td>
         *       <td>Amount</td>
         *       <td>Mandatory</td>
         *       <td>Transaction amount to be checked within the funds check mechanism.</td>
         *     </tr>
         *     </table>
         */
        confirmationOfFunds: {
            /**
             * @description Card Number of the card issued by the PIISP.
             *     Should be delivered if available.
             */
            cardNumber?: string;
            account: components["schemas"]["accountReference"];
            /** @description Name payee */
            payee?: string;
            instructedAmount: components["schemas"]["amount"];
        };
        /** @description Content of the body of a consent request. */
        consents: {
            access: components["schemas"]["accountAccess"];
            recurringIndicator: components["schemas"]["recurringIndicator"];
            validUntil: components["schemas"]["validUntil"];
            frequencyPerDay: components["schemas"]["frequencyPerDay"];
            /**
             * @description If "true" indicates that a payment initiation service will be addressed in the same "session".
             * @example false
             */
            combinedServiceIndicator: boolean;
        };
        /**
         * @description Content of the body of a Update PSU Authentication Request
         *
         *     Password subfield is used.
         */
        updatePsuAuthentication: {
            psuData: components["schemas"]["psuData"];
        };
        /** @description Content of the body of a Select PSU Authentication Method Request */
        selectPsuAuthenticationMethod: {
            authenticationMethodId: components["schemas"]["authenticationMethodId"];
        };
        /** @description Content of the body of a Transaction Authorisation Request */
        transactionAuthorisation: {
            scaAuthenticationData: components["schemas"]["scaAuthenticationData"];
        };
        /**
         * @description A pain.001 structure corresponding to the SCT schema
         *
         *     urn:iso:std:iso:20022:tech:xsd:pain.001.001.03
         * @example <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"> <CstmrCdtTrfInitn> <GrpHdr> <MsgId>MIPI-123456789RI-123456789</MsgId> <CreDtTm>2017-02-14T20:23:34.000Z</CreDtTm> <NbOfTxs>1</NbOfTxs> <CtrlSum>123</CtrlSum> <InitgPty> <Nm>PaymentInitiator</Nm> <Id><OrgId><Othr><Id>DE10000000012</Id> <SchmeNm><Prptry>PISP</Prptry></SchmeNm></Othr></OrgId></Id> </InitgPty> </GrpHdr> <PmtInf> <PmtInfId>BIPI-123456789RI-123456789</PmtInfId> <PmtMtd>TRF</PmtMtd> <NbOfTxs>1</NbOfTxs> <CtrlSum>123</CtrlSum> <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf> <ReqdExctnDt>2017-02-15</ReqdExctnDt> <Dbtr><Nm>PSU Name</Nm></Dbtr> <DbtrAcct><Id><IBAN>DE87200500001234567890</IBAN></Id></DbtrAcct> <ChrgBr>SLEV</ChrgBr> <CdtTrfTxInf> <PmtId><EndToEndId>RI-123456789</EndToEndId></PmtId> <Amt><InstdAmt Ccy="EUR">123</InstdAmt></Amt> <Cdtr><Nm>Merchant123</Nm></Cdtr> <CdtrAcct><Id><IBAN> DE23100120020123456789</IBAN></Id></CdtrAcct> <RmtInf><Ustrd>Ref Number Merchant-123456</Ustrd></RmtInf> </CdtTrfTxInf> </PmtInf> </CstmrCdtTrfInitn> </Document>
         */
        "paymentInitiationSct_pain.001": string;
        /** @description A pain.001 structure corresponding to the SCT INST schema. */
        "paymentInitiationSctInst_pain.001": string;
        /**
         * @description A pain.001 structure corresponding to the target-2 schema
         *
         *     For TARGET-2 payments only community wide pain.001 schemes do exist.
         */
        "paymentInitiationTarget2_pain.001": string;
        /**
         * @description A pain.001 structure corresponding to the cross-border schema
         *
         *     For cross-border payments only community wide pain.001 schemes do exist.
         */
        "paymentInitiationCrossBorder_pain.001": string;
        /**
         * @description The multipart message definition for the initiation of a periodic payment initiation
         *     where the information of the payment is contained in an pain.001 message (Part 1) and
         *     the additional informations related to the periodic payment is an additional JSON message (Part 2).
         */
        periodicPaymentInitiationMultipartBody: {
            xml_sct?: components["schemas"]["paymentInitiationSct_pain.001"] | components["schemas"]["paymentInitiationSctInst_pain.001"] | components["schemas"]["paymentInitiationTarget2_pain.001"] | components["schemas"]["paymentInitiationCrossBorder_pain.001"];
            json_standingorderType?: components["schemas"]["periodicPaymentInitiation_xml-Part2-standingorderType_json"];
        };
        /**
         * @description The body part 2 of a periodic payment initation request containes the execution related informations
         *     of the periodic payment.
         */
        "periodicPaymentInitiation_xml-Part2-standingorderType_json": {
            startDate: components["schemas"]["startDate"];
            endDate?: components["schemas"]["endDate"];
            executionRule?: components["schemas"]["executionRule"];
            frequency: components["schemas"]["frequencyCode"];
            dayOfExecution?: components["schemas"]["dayOfExecution"];
        };
        /** @description Body of the response for a successful payment initiation status request in case of an JSON based endpoint. */
        "paymentInitiationStatusResponse-200_json": {
            transactionStatus: components["schemas"]["transactionStatus"];
        };
        /**
         * @description Body of the response for a successful payment initiation status request in case of an XML based endpoint.
         *
         *     The status is returned as a pain.002 structure.
         *
         *     urn:iso:std:iso:20022:tech:xsd:pain.002.001.03
         *
         *     The chosen XML schema of the Status Request is following the XML schema definitions of the original pain.001 schema.
         */
        "paymentInitiationStatusResponse-200_xml": string;
        /** @description Body of the response for a successful payment initiation request. */
        "paymentInitationRequestResponse-201": {
            transactionStatus: components["schemas"]["transactionStatus"];
            paymentId: components["schemas"]["paymentId"];
            transactionFees?: components["schemas"]["amount"];
            transactionFeeIndicator?: components["schemas"]["transactionFeeIndicator"];
            /** @description Date when payment is scheduled to be executed in ISO-Date Format, e.g. 2020-10-30 */
            requestedExecutionDate?: string;
            remittanceInformationStructured?: components["schemas"]["remittanceInformationStructured"];
            scaMethods?: components["schemas"]["scaMethods"];
            chosenScaMethod?: components["schemas"]["chosenScaMethod"];
            challengeData?: components["schemas"]["challengeData"];
            _links: components["schemas"]["_linksPaymentInitiation"];
            psuMessage?: components["schemas"]["psuMessageText"];
            tppMessages?: components["schemas"]["tppMessage2XX"][];
        };
        /** @description Body of the response for a successful payment initiation request. */
        "paymentInitationSwedishGiroRequestResponse-201": {
            transactionStatus: components["schemas"]["transactionStatus"];
            paymentId: components["schemas"]["paymentId"];
            transactionFees?: components["schemas"]["amount"];
            transactionFeeIndicator?: components["schemas"]["transactionFeeIndicator"];
            /** @description Date when payment is scheduled to be executed in ISO-Date Format, e.g. 2020-10-30 */
            requestedExecutionDate?: string;
            debtorAccountMessage?: string;
            creditorAccountMessage?: string;
            remittanceInformationStructured?: components["schemas"]["remittanceInformationStructured"];
            scaMethods?: components["schemas"]["scaMethods"];
            chosenScaMethod?: components["schemas"]["chosenScaMethod"];
            challengeData?: components["schemas"]["challengeData"];
            _links: components["schemas"]["_linksPaymentInitiation"];
            psuMessage?: components["schemas"]["psuMessageText"];
            tppMessages?: components["schemas"]["tppMessage2XX"][];
        };
        /** @description Body of the response for a successful cancel payment request. */
        "paymentInitiationCancelResponse-202": {
            transactionStatus: components["schemas"]["transactionStatus"];
            scaMethods?: components["schemas"]["scaMethods"];
            chosenScaMethod?: components["schemas"]["chosenScaMethod"];
            challengeData?: components["schemas"]["challengeData"];
            _links?: components["schemas"]["_linksPaymentInitiationCancel"];
        };
        /** @description Generic JSON response body consistion of the corresponding payment initation JSON body together with an optional transaction status field. */
        paymentInitiationWithStatusResponse: {
            endToEndIdentification?: string;
            debtorAccount: components["schemas"]["accountReference"];
            instructedAmount: components["schemas"]["amount"];
            creditorAccount: components["schemas"]["accountReference"];
            creditorAgent?: components["schemas"]["bicfi"];
            creditorName: components["schemas"]["creditorName"];
            creditorAddress?: components["schemas"]["address"];
            remittanceInformationUnstructured?: components["schemas"]["remittanceInformationUnstructured"];
            remittanceInformationStructured?: components["schemas"]["remittanceInformationStructured"];
            /** @description Date when payment is scheduled to be executed in ISO-Date Format, e.g. 2020-10-30 */
            requestedExecutionDate?: string;
            transactionStatus?: components["schemas"]["transactionStatus"];
        };
        /** @description Generic JSON response body consistion of the corresponding payment initation JSON body together with an optional transaction status field. */
        paymentInitiationSwedishGiroWithStatusResponse: {
            endToEndIdentification?: string;
            debtorAccount: components["schemas"]["accountReferenceWithGiro"];
            instructedAmount: components["schemas"]["amount"];
            creditorGiro: components["schemas"]["giroReference"];
            creditorName: components["schemas"]["creditorName"];
            creditorAgent?: components["schemas"]["bicfi"];
            /** @description Date when payment is scheduled to be executed in ISO-Date Format, e.g. 2020-10-30 */
            requestedExecutionDate?: string;
            debtorAccountMessage?: string;
            creditorAccountMessage?: string;
            transactionStatus?: components["schemas"]["transactionStatus"];
        } & (components["schemas"]["giroInvoiceReference"] | components["schemas"]["giroOcrReference"]);
        /** @description Generic JSON response body consistion of the corresponding periodic payment initation JSON body together with an optional transaction status field. */
        periodicPaymentInitiationWithStatusResponse: {
            endToEndIdentification?: string;
            debtorAccount: components["schemas"]["accountReference"];
            instructedAmount: components["schemas"]["amount"];
            creditorAccount: components["schemas"]["accountReference"];
            creditorAgent?: components["schemas"]["bicfi"];
            creditorName: components["schemas"]["creditorName"];
            creditorAddress?: components["schemas"]["address"];
            remittanceInformationUnstructured?: components["schemas"]["remittanceInformationUnstructured"];
            startDate: components["schemas"]["startDate"];
            endDate?: components["schemas"]["endDate"];
            executionRule?: components["schemas"]["executionRule"];
            frequency: components["schemas"]["frequencyCode"];
            dayOfExecution?: components["schemas"]["dayOfExecution"];
            transactionStatus?: components["schemas"]["transactionStatus"];
        };
        /** @description Generic JSON response body consistion of the corresponding bulk payment initation JSON body together with an optional transaction status field. */
        bulkPaymentInitiationWithStatusResponse: {
            batchBookingPreferred?: components["schemas"]["batchBookingPreferred"];
            /** Format: date */
            requestedExecutionDate?: string;
            debtorAccount: components["schemas"]["accountReference"];
            /**
             * @description A list of generic JSON bodies payment initations for bulk payments via JSON.
             *
             *     Note: Some fields from single payments do not occcur in a bulk payment element
             */
            payments: components["schemas"]["paymentInitiationBulkElement_json"][];
            transactionStatus?: components["schemas"]["transactionStatus"];
        };
        /** @description Body of the JSON response with SCA Status */
        scaStatusResponse: {
            scaStatus?: components["schemas"]["scaStatus"];
            challengeData?: components["schemas"]["challengeData"];
        };
        /** @description Body of the JSON response for a Start SCA authorisation request. */
        startScaprocessResponse: {
            scaStatus: components["schemas"]["scaStatus"];
            authorisationId: components["schemas"]["authorisationId"];
            scaMethods?: components["schemas"]["scaMethods"];
            chosenScaMethod?: components["schemas"]["chosenScaMethod"];
            challengeData?: components["schemas"]["challengeData"];
            _links: components["schemas"]["_linksStartScaProcess"];
            psuMessage?: components["schemas"]["psuMessageText"];
        };
        /** @description Body of the JSON response for a successful update PSU Identification request. */
        updatePsuIdenticationResponse: {
            _links: components["schemas"]["_linksUpdatePsuIdentification"];
            scaStatus: components["schemas"]["scaStatus"];
            psuMessage?: components["schemas"]["psuMessageText"];
        };
        /** @description Body of the JSON response for a successful update PSU Authentication request. */
        updatePsuAuthenticationResponse: {
            chosenScaMethod?: components["schemas"]["chosenScaMethod"];
            challengeData?: components["schemas"]["challengeData"];
            scaMethods?: components["schemas"]["scaMethods"];
            _links?: components["schemas"]["_linksUpdatePsuAuthentication"];
            scaStatus: components["schemas"]["scaStatus"];
            psuMessage?: components["schemas"]["psuMessageText"];
        };
        /** @description Body of the JSON response for a successful select PSU Authentication Method request. */
        selectPsuAuthenticationMethodResponse: {
            chosenScaMethod?: components["schemas"]["chosenScaMethod"];
            challengeData?: components["schemas"]["challengeData"];
            _links?: components["schemas"]["_linksSelectPsuAuthenticationMethod"];
            scaStatus: components["schemas"]["scaStatus"];
            psuMessage?: components["schemas"]["psuMessageText"];
        };
        /**
         * @description Body of the JSON response for a successful get signing basket request.
         *
         *       * 'payments': payment initiations which shall be authorised through this signing basket.
         *       * 'consents': consent objects which shall be authorised through this signing basket.
         *       * 'transactionStatus': Only the codes RCVD, ACTC, RJCT are used.
         *       * '_links': The ASPSP might integrate hyperlinks to indicate next (authorisation) steps to be taken.
         */
        "signingBasketResponse-200": {
            payments?: components["schemas"]["paymentIdList"];
            consents?: components["schemas"]["consentIdList"];
            transactionStatus: components["schemas"]["transactionStatus_SBS"];
            _links?: components["schemas"]["_linksSigningBasket"];
        };
        "signingBasketStatusResponse-200": {
            transactionStatus: components["schemas"]["transactionStatus_SBS"];
        };
        /** @description Body of the JSON response for a successful create signing basket request. */
        "signingBasketResponse-201": {
            transactionStatus: components["schemas"]["transactionStatus_SBS"];
            basketId: components["schemas"]["basketId"];
            scaMethods?: components["schemas"]["scaMethods"];
            chosenScaMethod?: components["schemas"]["chosenScaMethod"];
            challengeData?: components["schemas"]["challengeData"];
            _links: components["schemas"]["_linksSigningBasket"];
            psuMessage?: components["schemas"]["psuMessageText"];
            tppMessages?: components["schemas"]["tppMessage2XX"][];
        };
        /** @description Body of the JSON response for a successful conset request. */
        "consentsResponse-201": {
            consentStatus: components["schemas"]["consentStatus"];
            consentId: components["schemas"]["consentId"];
            scaMethods?: components["schemas"]["scaMethods"];
            chosenScaMethod?: components["schemas"]["chosenScaMethod"];
            challengeData?: components["schemas"]["challengeData"];
            _links: components["schemas"]["_linksConsents"];
            /** @description Text to be displayed to the PSU, e.g. in a Decoupled SCA Approach. */
            message?: string;
        };
        /** @description Body of the JSON response for a successful get status request for a consent. */
        "consentStatusResponse-200": {
            consentStatus: components["schemas"]["consentStatus"];
        };
        /** @description Body of the JSON response for a successfull get consent request. */
        "consentInformationResponse-200_json": {
            access: components["schemas"]["accountAccess"];
            recurringIndicator: components["schemas"]["recurringIndicator"];
            validUntil: components["schemas"]["validUntil"];
            frequencyPerDay: components["schemas"]["frequencyPerDay"];
            lastActionDate: components["schemas"]["lastActionDate"];
            consentStatus: components["schemas"]["consentStatus"];
            _links?: components["schemas"]["_linksGetConsent"];
        };
        /** @description Body of the response for a successful read balance for an account request. */
        "readAccountBalanceResponse-200": {
            account?: components["schemas"]["accountReference"];
            balances: components["schemas"]["balanceList"];
        };
        /** @description Body of the response for a successful read balance for a card account request. */
        "readCardAccountBalanceResponse-200": {
            cardAccount?: components["schemas"]["accountReference"];
            balances: components["schemas"]["balanceList"];
        };
        /**
         * @description Body of the JSON response for a successful read transaction list request.
         *     This account report contains transactions resulting from the query parameters.
         */
        "transactionsResponse-200_json": {
            account?: components["schemas"]["accountReference"];
            transactions?: components["schemas"]["accountReport"];
            balances?: components["schemas"]["balanceList"];
            _links?: components["schemas"]["_linksDownload"];
        };
        /**
         * @description Body of the JSON response for a successful read card account transaction list request.
         *     This card account report contains transactions resulting from the query parameters.
         */
        cardAccountsTransactionsResponse200: {
            cardAccount?: components["schemas"]["accountReference"];
            cardTransactions?: components["schemas"]["cardAccountReport"];
            balances?: components["schemas"]["balanceList"];
            _links?: components["schemas"]["_linksDownload"];
        };
        /** @description camt.052 XML message */
        "camt.052": string;
        /** @description camt.053 XML message */
        "camt.053": string;
        /** @description camt.054 XML message */
        "camt.054": string;
        /** @description Data MT940 format in a text structure. */
        mt940: string;
        /** @description Data MT942 format in a text structure. */
        mt942: string;
        /** @description A _link object with all availabel link types */
        _linksAll: {
            scaRedirect?: components["schemas"]["hrefType"];
            scaOAuth?: components["schemas"]["hrefType"];
            startAuthorisation?: components["schemas"]["hrefType"];
            startAuthorisationWithPsuIdentification?: components["schemas"]["hrefType"];
            updatePsuIdentification?: components["schemas"]["hrefType"];
            startAuthorisationWithProprietaryData?: components["schemas"]["hrefType"];
            updateProprietaryData?: components["schemas"]["hrefType"];
            startAuthorisationWithPsuAuthentication?: components["schemas"]["hrefType"];
            updatePsuAuthentication?: components["schemas"]["hrefType"];
            startAuthorisationWithEncryptedPsuAuthentication?: components["schemas"]["hrefType"];
            updateEncryptedPsuAuthentication?: components["schemas"]["hrefType"];
            startAuthorisationWithAuthenticationMethodSelection?: components["schemas"]["hrefType"];
            selectAuthenticationMethod?: components["schemas"]["hrefType"];
            startAuthorisationWithTransactionAuthorisation?: components["schemas"]["hrefType"];
            authoriseTransaction?: components["schemas"]["hrefType"];
            self?: components["schemas"]["hrefType"];
            status?: components["schemas"]["hrefType"];
            scaStatus?: components["schemas"]["hrefType"];
            account?: components["schemas"]["hrefType"];
            balances?: components["schemas"]["hrefType"];
            transactions?: components["schemas"]["hrefType"];
            transactionDetails?: components["schemas"]["hrefType"];
            cardAccount?: components["schemas"]["hrefType"];
            cardTransactions?: components["schemas"]["hrefType"];
            first?: components["schemas"]["hrefType"];
            next?: components["schemas"]["hrefType"];
            previous?: components["schemas"]["hrefType"];
            last?: components["schemas"]["hrefType"];
            download?: components["schemas"]["hrefType"];
        } & {
            [key: string]: components["schemas"]["hrefType"];
        };
        /**
         * @description A list of hyperlinks to be recognised by the TPP.
         *     The actual hyperlinks used in the response depend on the dynamical decisions of the ASPSP when
         *     processing the request.
         *
         *     **Remark:** All links can be relative or full links, to be decided by the ASPSP.
         *
         *     Type of links admitted in this response, (further links might be added for ASPSP defined extensions):
         *
         *     * 'scaRedirect':
         *       In case of an SCA Redirect Approach, the ASPSP is transmitting the link to which to redirect the PSU browser.
         *     * 'scaOAuth':
         *       In case of a SCA OAuth2 Approach, the ASPSP is transmitting the URI where the configuration of the Authorisation
         *       Server can be retrieved. The configuration follows the OAuth 2.0 Authorisation Server Metadata specification.
         *     * 'startAuthorisation':
         *       In case, where an explicit start of the transaction authorisation is needed, but no more data needs to be updated
         *       (no authentication method to be selected, no PSU identification nor PSU authentication data to be uploaded).
         *     * 'startAuthorisationWithPsuIdentification':
         *       The link to the authorisation end-point, where the authorisation sub-resource has to be generated while
         *       uploading the PSU identification data.
         *     * 'startAuthorisationWithPsuAuthentication':
         *       The link to the authorisation end-point, where the authorisation sub-resource has to be generated while
         *       uploading the PSU authentication data.
         *       * 'startAuthorisationWithEncryptedPsuAuthentication':
         *         Same as startAuthorisactionWithPsuAuthentication where the authentication data need to be encrypted on
         *         application layer in uploading.
         *     * 'startAuthorisationWithAuthenticationMethodSelection':
         *       The link to the authorisation end-point, where the authorisation sub-resource has to be generated while
         *       selecting the authentication method.
         *       This link is contained under exactly the same conditions as the data element "scaMethods"
         *     * 'startAuthorisationWithTransactionAuthorisation':
         *       The link to the authorisation end-point, where the authorisation sub-resource has to be generated while
         *       authorising the transaction e.g. by uploading an OTP received by SMS.
         *     * 'self':
         *       The link to the payment initiation resource created by this request.
         *       This link can be used to retrieve the resource data.
         *     * 'status':
         *       The link to retrieve the transaction status of the payment initiation.
         *     * 'scaStatus':
         *       The link to retrieve the scaStatus of the corresponding authorisation sub-resource.
         *       This link is only contained, if an authorisation sub-resource has been already created.
         * @example {
         *       "scaRedirect": {
         *         "href": "https://www.testbank.com/asdfasdfasdf"
         *       },
         *       "self": {
         *         "href": "/v1/payments/sepa-credit-transfers/1234-wertiq-983"
         *       }
         *     }
         */
        _linksPaymentInitiation: {
            scaRedirect?: components["schemas"]["hrefType"];
            scaOAuth?: components["schemas"]["hrefType"];
            startAuthorisation?: components["schemas"]["hrefType"];
            startAuthorisationWithPsuIdentification?: components["schemas"]["hrefType"];
            startAuthorisationWithPsuAuthentication?: components["schemas"]["hrefType"];
            startAuthorisationWithEncryptedPsuAuthentication?: components["schemas"]["hrefType"];
            startAuthorisationWithAuthenticationMethodSelection?: components["schemas"]["hrefType"];
            startAuthorisationWithTransactionAuthorisation?: components["schemas"]["hrefType"];
            self?: components["schemas"]["hrefType"];
            status?: components["schemas"]["hrefType"];
            scaStatus?: components["schemas"]["hrefType"];
        } & {
            [key: string]: components["schemas"]["hrefType"];
        };
        /**
         * @description A list of hyperlinks to be recognised by the TPP. The actual hyperlinks used in the response depend on the
         *     dynamical decisions of the ASPSP when processing the request.
         *
         *     Remark: All links can be relative or full links, to be decided by the ASPSP.
         *
         *     Type of links admitted in this response, (further links might be added for ASPSP defined extensions):
         *
         *       * 'startAuthorisation':
         *         In case, where just the authorisation process of the cancellation needs to be started,
         *         but no additional data needs to be updated for time being (no authentication method to be selected,
         *         no PSU identification nor PSU authentication data to be uploaded).
         *       * 'startAuthorisationWithPsuIdentification':
         *         In case where a PSU Identification needs to be updated when starting the cancellation authorisation:
         *         The link to the cancellation-authorisations end-point, where the cancellation sub-resource has to be
         *         generated while uploading the PSU identification data.
         *       * 'startAuthorisationWithPsuAuthentication':
         *         In case of a yet to be created authorisation sub-resource: The link to the cancalation authorisation end-point,
         *         where the authorisation sub-resource has to be generated while uploading the PSU authentication data.
         *       * 'startAuthorisationWithEncryptedPsuAuthentication':
         *         Same as startAuthorisactionWithPsuAuthentication where the authentication data need to be encrypted on
         *         application layer in uploading.
         *       * 'startAuthorisationWithAuthenticationMethodSelection':
         *         The link to the authorisation end-point, where the cancellation-authorisation sub-resource has to be
         *         generated while selecting the authentication method. This link is contained under exactly the same
         *         conditions as the data element 'scaMethods'
         */
        _linksPaymentInitiationCancel: {
            startAuthorisation?: components["schemas"]["hrefType"];
            startAuthorisationWithPsuIdentification?: components["schemas"]["hrefType"];
            startAuthorisationWithPsuAuthentication?: components["schemas"]["hrefType"];
            startAuthorisationWithEncryptedPsuAuthentication?: components["schemas"]["hrefType"];
            startAuthorisationWithAuthenticationMethodSelection?: components["schemas"]["hrefType"];
        } & {
            [key: string]: components["schemas"]["hrefType"];
        };
        /**
         * @description A list of hyperlinks to be recognised by the TPP. The actual hyperlinks used in the response depend on the dynamical decisions of the ASPSP when processing the request.
         *
         *     **Remark:** All links can be relative or full links, to be decided by the ASPSP.
         *
         *     Type of links admitted in this response, (further links might be added for ASPSP
         *     defined extensions):
         *
         *     - 'scaStatus': The link to retrieve the scaStatus of the corresponding authorisation sub-resource.
         */
        _linksUpdatePsuIdentification: {
            scaStatus?: components["schemas"]["hrefType"];
        } & {
            [key: string]: components["schemas"]["hrefType"];
        };
        /**
         * @description A list of hyperlinks to be recognised by the TPP. Might be contained, if several authentication methods
         *     are available for the PSU.
         *     Type of links admitted in this response:
         *       * 'selectAuthenticationMethod':
         *         This is a link to a resource, where the TPP can select the applicable second factor authentication
         *         methods for the PSU, if there were several available authentication methods.
         *         This link is only contained, if the PSU is already identified or authenticated with the first relevant
         *         factor or alternatively an access token, if SCA is required and if the PSU has a choice between different
         *         authentication methods.
         *         If this link is contained, then there is also the data element 'scaMethods' contained in the response body.
         *       * 'authoriseTransaction':
         *         The link to the resource, where the "Transaction Authorisation Request" is sent to.
         *         This is the link to the resource which will authorise the transaction by checking the SCA authentication
         *         data within the Embedded SCA approach.
         *       * 'scaStatus':
         *         The link to retrieve the scaStatus of the corresponding authorisation sub-resource.
         */
        _linksUpdatePsuAuthentication: {
            selectAuthenticationMethod?: components["schemas"]["hrefType"];
            authoriseTransaction?: components["schemas"]["hrefType"];
            scaStatus?: components["schemas"]["hrefType"];
        } & {
            [key: string]: components["schemas"]["hrefType"];
        };
        /**
         * @description A list of hyperlinks to be recognised by the TPP. The actual hyperlinks used in
         *     the response depend on the dynamical decisions of the ASPSP when processing the request.
         *
         *     **Remark:** All links can be relative or full links, to be decided by the ASPSP.
         *
         *     **Remark:** This method can be applied before or after PSU identification.
         *     This leads to many possible hyperlink responses.
         *     Type of links admitted in this response, (further links might be added for ASPSP defined
         *     extensions):
         *
         *     - "scaRedirect":
         *       In case of an SCA Redirect Approach, the ASPSP is transmitting the link to which to
         *       redirect the PSU browser.
         *     - "scaOAuth":
         *       In case of a SCA OAuth2 Approach, the ASPSP is transmitting the URI where the
         *       configuration of the Authorisation Server can be retrieved.
         *       The configuration follows the OAuth 2.0 Authorisation Server Metadata specification.
         *     - "updatePsuIdentification":
         *       The link to the authorisation or cancellation authorisation sub-resource,
         *       where PSU identification data needs to be uploaded.
         *     - "updatePsuAuthentication":
         *       The link to the authorisation or cancellation authorisation sub-resource,
         *       where PSU authentication data needs to be uploaded.
         *     "authoriseTransaction":
         *       The link to the authorisation or cancellation authorisation sub-resource,
         *       where the authorisation data has to be uploaded, e.g. the TOP received by SMS.
         *     "scaStatus":
         *       The link to retrieve the scaStatus of the corresponding authorisation sub-resource.
         */
        _linksSelectPsuAuthenticationMethod: {
            scaRedirect?: components["schemas"]["hrefType"];
            scaOAuth?: components["schemas"]["hrefType"];
            updatePsuIdentification?: components["schemas"]["hrefType"];
            updatePsuAuthentication?: components["schemas"]["hrefType"];
            authoriseTransaction?: components["schemas"]["hrefType"];
            scaStatus?: components["schemas"]["hrefType"];
        } & {
            [key: string]: components["schemas"]["hrefType"];
        };
        /**
         * @description A list of hyperlinks to be recognised by the TPP. The actual hyperlinks used in the
         *     response depend on the dynamical decisions of the ASPSP when processing the request.
         *
         *     **Remark:** All links can be relative or full links, to be decided by the ASPSP.
         *
         *     Type of links admitted in this response, (further links might be added for ASPSP defined
         *     extensions):
         *
         *     - 'scaRedirect':
         *       In case of an SCA Redirect Approach, the ASPSP is transmitting the link to which to
         *       redirect the PSU browser.
         *     - 'scaOAuth':
         *       In case of a SCA OAuth2 Approach, the ASPSP is transmitting the URI where the configuration of the Authorisation Server can be retrieved. The configuration follows the OAuth 2.0 Authorisation Server Metadata specification.
         *     - 'updatePsuIdentification':
         *       The link to the authorisation or cancellation authorisation sub-resource,
         *       where PSU identification data needs to be uploaded.
         *     - 'startAuthorisationWithPsuAuthentication':
         *       The link to the authorisation or cancellation authorisation sub-resource,
         *       where PSU authentication data needs to be uploaded.
         *       * 'startAuthorisationWithEncryptedPsuAuthentication':
         *         Same as startAuthorisactionWithPsuAuthentication where the authentication data need to be encrypted on
         *         application layer in uploading.
         *     - 'selectAuthenticationMethod':
         *       The link to the authorisation or cancellation authorisation sub-resource,
         *       where the selected authentication method needs to be uploaded.
         *       This link is contained under exactly the same conditions as the data element 'scaMethods'.
         *     - 'authoriseTransaction':
         *       The link to the authorisation or cancellation authorisation sub-resource,
         *       where the authorisation data has to be uploaded, e.g. the TOP received by SMS.
         *     - 'scaStatus':
         *       The link to retrieve the scaStatus of the corresponding authorisation sub-resource.
         */
        _linksStartScaProcess: {
            scaRedirect?: components["schemas"]["hrefType"];
            scaOAuth?: components["schemas"]["hrefType"];
            updatePsuIdentification?: components["schemas"]["hrefType"];
            startAuthorisationWithPsuAuthentication?: components["schemas"]["hrefType"];
            startAuthorisationWithEncryptedPsuAuthentication?: components["schemas"]["hrefType"];
            selectAuthenticationMethod?: components["schemas"]["hrefType"];
            authoriseTransaction?: components["schemas"]["hrefType"];
            scaStatus?: components["schemas"]["hrefType"];
        } & {
            [key: string]: components["schemas"]["hrefType"];
        };
        /**
         * @description A list of hyperlinks to be recognised by the TPP.
         *
         *     Type of links admitted in this response:
         *       - "download": a link to a resource, where the transaction report might be downloaded from in
         *       case where transaction reports have a huge size.
         *
         *     Remark: This feature shall only be used where camt-data is requested which has a huge size.
         */
        _linksDownload: {
            download: components["schemas"]["hrefType"];
        } & {
            [key: string]: components["schemas"]["hrefType"];
        };
        /**
         * @description A list of hyperlinks to be recognised by the TPP.
         *
         *     Type of links admitted in this response (which might be extended by single ASPSPs as indicated in its XS2A
         *     documentation):
         *       - 'scaRedirect':
         *         In case of an SCA Redirect Approach, the ASPSP is transmitting the link to which to redirect the
         *         PSU browser.
         *       - 'scaOAuth':
         *         In case of an OAuth2 based Redirect Approach, the ASPSP is transmitting the link where the configuration
         *         of the OAuth2 Server is defined.
         *         The configuration follows the OAuth 2.0 Authorisation Server Metadata specification.
         *       - 'startAuthorisation':
         *         In case, where an explicit start of the transaction authorisation is needed,
         *         but no more data needs to be updated (no authentication method to be selected,
         *         no PSU identification nor PSU authentication data to be uploaded).
         *       - 'startAuthorisationWithPsuIdentification':
         *         The link to the authorisation end-point, where the authorisation sub-resource has to be generated
         *         while uploading the PSU identification data.
         *       - 'startAuthorisationWithPsuAuthentication':
         *         The link to the authorisation end-point, where the authorisation sub-resource has to be generated
         *         while uploading the PSU authentication data.
         *       * 'startAuthorisationWithEncryptedPsuAuthentication':
         *         Same as startAuthorisactionWithPsuAuthentication where the authentication data need to be encrypted on
         *         application layer in uploading.
         *       - 'startAuthorisationWithAuthenticationMethodSelection':
         *         The link to the authorisation end-point, where the authorisation sub-resource has to be generated
         *         while selecting the authentication method. This link is contained under exactly the same conditions
         *         as the data element 'scaMethods'
         *       - 'startAuthorisationWithTransactionAuthorisation':
         *         The link to the authorisation end-point, where the authorisation sub-resource has to be generated
         *         while authorising the transaction e.g. by uploading an OTP received by SMS.
         *       - 'self':
         *         The link to the Establish Account Information Consent resource created by this request.
         *         This link can be used to retrieve the resource data.
         *       - 'status':
         *         The link to retrieve the status of the account information consent.
         *       - 'scaStatus': The link to retrieve the scaStatus of the corresponding authorisation sub-resource.
         *         This link is only contained, if an authorisation sub-resource has been already created.
         */
        _linksConsents: {
            scaRedirect?: components["schemas"]["hrefType"];
            scaOAuth?: components["schemas"]["hrefType"];
            startAuthorisation?: components["schemas"]["hrefType"];
            startAuthorisationWithPsuIdentification?: components["schemas"]["hrefType"];
            startAuthorisationWithPsuAuthentication?: components["schemas"]["hrefType"];
            startAuthorisationWithEncryptedPsuAuthentication?: components["schemas"]["hrefType"];
            startAuthorisationWithAuthenticationMethodSelection?: components["schemas"]["hrefType"];
            startAuthorisationWithTransactionAuthorisation?: components["schemas"]["hrefType"];
            self?: components["schemas"]["hrefType"];
            status?: components["schemas"]["hrefType"];
            scaStatus?: components["schemas"]["hrefType"];
        } & {
            [key: string]: components["schemas"]["hrefType"];
        };
        /**
         * @description A list of hyperlinks to be recognised by the TPP.
         *
         *     Links of type "account" and/or "cardAccount", depending on the nature of the consent.
         */
        _linksGetConsent: {
            account?: components["schemas"]["hrefType"];
            "card-account"?: components["schemas"]["hrefType"];
        } & {
            [key: string]: components["schemas"]["hrefType"];
        };
        /**
         * @description A list of hyperlinks to be recognised by the TPP. The actual hyperlinks used in the
         *     response depend on the dynamical decisions of the ASPSP when processing the request.
         *
         *     Remark: All links can be relative or full links, to be decided by the ASPSP.
         *     Type of links admitted in this response, (further links might be added for ASPSP defined
         *     extensions):
         *
         *       * 'scaRedirect':
         *         In case of an SCA Redirect Approach, the ASPSP is transmitting the link to
         *         which to redirect the PSU browser.
         *       * 'scaOAuth':
         *         In case of a SCA OAuth2 Approach, the ASPSP is transmitting the URI where the configuration of
         *         the Authorisation Server can be retrieved. The configuration follows the
         *         OAuth 2.0 Authorisation Server Metadata specification.
         *       * 'startAuthorisation':
         *         In case, where an explicit start of the transaction authorisation is needed,
         *         but no more data needs to be updated (no authentication method to be selected,
         *         no PSU identification nor PSU authentication data to be uploaded).
         *       * 'startAuthorisationWithPsuIdentification':
         *         The link to the authorisation end-point, where the authorisation sub-resource
         *         has to be generated while uploading the PSU identification data.
         *       * 'startAuthorisationWithPsuAuthentication':
         *         The link to the authorisation end-point, where the authorisation sub-resource
         *         has to be generated while uploading the PSU authentication data.
         *       * 'startAuthorisationWithEncryptedPsuAuthentication':
         *         The link to the authorisation end-point, where the authorisation sub-resource has
         *         to be generated while uploading the encrypted PSU authentication data.
         *       * 'startAuthorisationWithAuthenticationMethodSelection':
         *         The link to the authorisation end-point, where the authorisation sub-resource
         *         has to be generated while selecting the authentication method.
         *         This link is contained under exactly the same conditions as the data element 'scaMethods'
         *       * 'startAuthorisationWithTransactionAuthorisation':
         *         The link to the authorisation end-point, where the authorisation sub-resource
         *         has to be generated while authorising the transaction e.g. by uploading an
         *         OTP received by SMS.
         *       * 'self':
         *         The link to the payment initiation resource created by this request.
         *         This link can be used to retrieve the resource data.
         *       * 'status':
         *         The link to retrieve the transaction status of the payment initiation.
         *       * 'scaStatus':
         *         The link to retrieve the scaStatus of the corresponding authorisation sub-resource.
         *         This link is only contained, if an authorisation sub-resource has been already created.
         */
        _linksSigningBasket: {
            scaRedirect?: components["schemas"]["hrefType"];
            scaOAuth?: components["schemas"]["hrefType"];
            startAuthorisation?: components["schemas"]["hrefType"];
            startAuthorisationWithPsuIdentification?: components["schemas"]["hrefType"];
            startAuthorisationWithPsuAuthentication?: components["schemas"]["hrefType"];
            startAuthorisationWithEncryptedPsuAuthentication?: components["schemas"]["hrefType"];
            startAuthorisationWithAuthenticationMethodSelection?: components["schemas"]["hrefType"];
            startAuthorisationWithTransactionAuthorisation?: components["schemas"]["hrefType"];
            self?: components["schemas"]["hrefType"];
            status?: components["schemas"]["hrefType"];
            scaStatus?: components["schemas"]["hrefType"];
        };
        _linksAccountReport: {
            account: components["schemas"]["hrefType"];
            first?: components["schemas"]["hrefType"];
            next?: components["schemas"]["hrefType"];
            previous?: components["schemas"]["hrefType"];
            last?: components["schemas"]["hrefType"];
        } & {
            [key: string]: components["schemas"]["hrefType"];
        };
        _linksCardAccountReport: {
            cardAccount: components["schemas"]["hrefType"];
            first?: components["schemas"]["hrefType"];
            next?: components["schemas"]["hrefType"];
            previous?: components["schemas"]["hrefType"];
            last?: components["schemas"]["hrefType"];
        } & {
            [key: string]: components["schemas"]["hrefType"];
        };
        _linksTransactionDetails: {
            transactionDetails: components["schemas"]["hrefType"];
        } & {
            [key: string]: components["schemas"]["hrefType"];
        };
        /**
         * @description Links to the account, which can be directly used for retrieving account information from this dedicated account.
         *
         *     Links to "balances" and/or "transactions"
         *
         *     These links are only supported, when the corresponding consent has been already granted.
         */
        _linksAccountDetails: {
            balances?: components["schemas"]["hrefType"];
            transactions?: components["schemas"]["hrefType"];
        } & {
            [key: string]: components["schemas"]["hrefType"];
        };
        /**
         * @description Category of the TPP message category
         * @enum {string}
         */
        tppMessageCategory: "ERROR" | "WARNING";
        /**
         * @description Message codes for HTTP Error codes 2XX.
         * @enum {string}
         */
        MessageCode2XX: "WARNING";
        /**
         * @description Message codes defined for AIS for HTTP Error code 400 (BAD_REQUEST).
         * @enum {string}
         */
        MessageCode400_AIS: "FORMAT_ERROR" | "PARAMETER_NOT_CONSISTENT" | "PARAMETER_NOT_SUPPORTED" | "SERVICE_INVALID" | "RESOURCE_UNKNOWN" | "RESOURCE_EXPIRED" | "RESOURCE_BLOCKED" | "TIMESTAMP_INVALID" | "PERIOD_INVALID" | "SCA_METHOD_UNKNOWN" | "CONSENT_UNKNOWN" | "SESSIONS_NOT_SUPPORTED";
        /**
         * @description Message codes defined for PIS for HTTP Error code 400 (BAD_REQUEST).
         * @enum {string}
         */
        MessageCode400_PIS: "FORMAT_ERROR" | "PARAMETER_NOT_CONSISTENT" | "PARAMETER_NOT_SUPPORTED" | "SERVICE_INVALID" | "RESOURCE_UNKNOWN" | "RESOURCE_EXPIRED" | "RESOURCE_BLOCKED" | "TIMESTAMP_INVALID" | "PERIOD_INVALID" | "SCA_METHOD_UNKNOWN" | "CONSENT_UNKNOWN" | "PAYMENT_FAILED" | "EXECUTION_DATE_INVALID";
        /**
         * @description Message codes defined for PIIS for HTTP Error code 400 (BAD_REQUEST).
         * @enum {string}
         */
        MessageCode400_PIIS: "FORMAT_ERROR" | "PARAMETER_NOT_CONSISTENT" | "PARAMETER_NOT_SUPPORTED" | "SERVICE_INVALID" | "RESOURCE_UNKNOWN" | "RESOURCE_EXPIRED" | "RESOURCE_BLOCKED" | "TIMESTAMP_INVALID" | "PERIOD_INVALID" | "SCA_METHOD_UNKNOWN" | "CONSENT_UNKNOWN" | "CARD_INVALID" | "NO_PIIS_ACTIVATION";
        /**
         * @description Message codes defined for signing baskets for HTTP Error code 400 (BAD_REQUEST).
         * @enum {string}
         */
        MessageCode400_SBS: "FORMAT_ERROR" | "PARAMETER_NOT_CONSISTENT" | "PARAMETER_NOT_SUPPORTED" | "SERVICE_INVALID" | "RESOURCE_UNKNOWN" | "RESOURCE_EXPIRED" | "RESOURCE_BLOCKED" | "TIMESTAMP_INVALID" | "PERIOD_INVALID" | "SCA_METHOD_UNKNOWN" | "CONSENT_UNKNOWN" | "REFERENCE_MIX_INVALID";
        /**
         * @description Message codes defined for PIS for HTTP Error code 401 (UNAUTHORIZED).
         * @enum {string}
         */
        MessageCode401_PIS: "CERTIFICATE_INVALID" | "CERTIFICATE_EXPIRED" | "CERTIFICATE_BLOCKED" | "CERTIFICATE_REVOKE" | "CERTIFICATE_MISSING" | "SIGNATURE_INVALID" | "SIGNATURE_MISSING" | "CORPORATE_ID_INVALID" | "PSU_CREDENTIALS_INVALID" | "CONSENT_INVALID" | "CONSENT_EXPIRED" | "TOKEN_UNKNOWN" | "TOKEN_INVALID" | "TOKEN_EXPIRED" | "REQUIRED_KID_MISSING" | "ROLE_INVALID";
        /**
         * @description Message codes defined for AIS for HTTP Error code 401 (UNAUTHORIZED).
         * @enum {string}
         */
        MessageCode401_AIS: "CERTIFICATE_INVALID" | "CERTIFICATE_EXPIRED" | "CERTIFICATE_BLOCKED" | "CERTIFICATE_REVOKE" | "CERTIFICATE_MISSING" | "SIGNATURE_INVALID" | "SIGNATURE_MISSING" | "CORPORATE_ID_INVALID" | "PSU_CREDENTIALS_INVALID" | "CONSENT_INVALID" | "CONSENT_EXPIRED" | "TOKEN_UNKNOWN" | "TOKEN_INVALID" | "TOKEN_EXPIRED" | "ROLE_INVALID";
        /**
         * @description Message codes defined for PIIS for HTTP Error code 401 (UNAUTHORIZED).
         * @enum {string}
         */
        MessageCode401_PIIS: "CERTIFICATE_INVALID" | "CERTIFICATE_EXPIRED" | "CERTIFICATE_BLOCKED" | "CERTIFICATE_REVOKE" | "CERTIFICATE_MISSING" | "SIGNATURE_INVALID" | "SIGNATURE_MISSING" | "CORPORATE_ID_INVALID" | "PSU_CREDENTIALS_INVALID" | "CONSENT_INVALID" | "CONSENT_EXPIRED" | "TOKEN_UNKNOWN" | "TOKEN_INVALID" | "TOKEN_EXPIRED" | "ROLE_INVALID";
        /**
         * @description Message codes defined for signing baskets for HTTP Error code 401 (UNAUTHORIZED).
         * @enum {string}
         */
        MessageCode401_SBS: "CERTIFICATE_INVALID" | "CERTIFICATE_EXPIRED" | "CERTIFICATE_BLOCKED" | "CERTIFICATE_REVOKE" | "CERTIFICATE_MISSING" | "SIGNATURE_INVALID" | "SIGNATURE_MISSING" | "CORPORATE_ID_INVALID" | "PSU_CREDENTIALS_INVALID" | "CONSENT_INVALID" | "CONSENT_EXPIRED" | "TOKEN_UNKNOWN" | "TOKEN_INVALID" | "TOKEN_EXPIRED" | "ROLE_INVALID";
        /**
         * @description Message codes defined defined for PIS for PIS for HTTP Error code 403 (FORBIDDEN).
         * @enum {string}
         */
        MessageCode403_PIS: "CONSENT_UNKNOWN" | "SERVICE_BLOCKED" | "RESOURCE_UNKNOWN" | "RESOURCE_EXPIRED" | "PRODUCT_INVALID";
        /**
         * @description Message codes defined for AIS for HTTP Error code 403 (FORBIDDEN).
         * @enum {string}
         */
        MessageCode403_AIS: "CONSENT_UNKNOWN" | "SERVICE_BLOCKED" | "RESOURCE_UNKNOWN" | "RESOURCE_EXPIRED";
        /**
         * @description Message codes defined for PIIS for HTTP Error code 403 (FORBIDDEN).
         * @enum {string}
         */
        MessageCode403_PIIS: "CONSENT_UNKNOWN" | "SERVICE_BLOCKED" | "RESOURCE_UNKNOWN" | "RESOURCE_EXPIRED";
        /**
         * @description Message codes defined for signing baskets for HTTP Error code 403 (FORBIDDEN).
         * @enum {string}
         */
        MessageCode403_SBS: "CONSENT_UNKNOWN" | "SERVICE_BLOCKED" | "RESOURCE_UNKNOWN" | "RESOURCE_EXPIRED";
        /**
         * @description Message codes defined for PIS for HTTP Error code 404 (NOT FOUND).
         * @enum {string}
         */
        MessageCode404_PIS: "RESOURCE_UNKNOWN" | "PRODUCT_UNKNOWN";
        /**
         * @description Message codes defined for AIS for HTTP Error code 404 (NOT FOUND).
         * @enum {string}
         */
        MessageCode404_AIS: "RESOURCE_UNKNOWN";
        /**
         * @description Message codes defined for PIIS for HTTP Error code 404 (NOT FOUND).
         * @enum {string}
         */
        MessageCode404_PIIS: "RESOURCE_UNKNOWN";
        /**
         * @description Message codes defined for signing baskets for HTTP Error code 404 (NOT FOUND).
         * @enum {string}
         */
        MessageCode404_SBS: "RESOURCE_UNKNOWN";
        /**
         * @description Message codes defined for payment cancelations PIS for HTTP Error code 405 (METHOD NOT ALLOWED).
         * @enum {string}
         */
        MessageCode405_PIS: "SERVICE_INVALID";
        /**
         * @description Message codes defined for payment cancelations PIS for HTTP Error code 405 (METHOD NOT ALLOWED).
         * @enum {string}
         */
        MessageCode405_PIS_CANC: "CANCELLATION_INVALID" | "SERVICE_INVALID";
        /**
         * @description Message codes defined for AIS for HTTP Error code 405 (METHOD NOT ALLOWED).
         * @enum {string}
         */
        MessageCode405_AIS: "SERVICE_INVALID";
        /**
         * @description Message codes defined for PIIS for HTTP Error code 405 (METHOD NOT ALLOWED).
         * @enum {string}
         */
        MessageCode405_PIIS: "SERVICE_INVALID";
        /**
         * @description Message codes defined for SBS for HTTP Error code 405 (METHOD NOT ALLOWED).
         * @enum {string}
         */
        MessageCode405_SBS: "SERVICE_INVALID";
        /**
         * @description Message codes defined for AIS for HTTP Error code 406 (NOT ACCEPTABLE).
         * @enum {string}
         */
        MessageCode406_AIS: "REQUESTED_FORMATS_INVALID";
        /**
         * @description Message codes defined for AIS for HTTP Error code 409 (CONFLICT).
         * @enum {string}
         */
        MessageCode409_AIS: "STATUS_INVALID";
        /**
         * @description Message codes defined for PIS for HTTP Error code 409 (CONFLICT).
         * @enum {string}
         */
        MessageCode409_PIS: "STATUS_INVALID";
        /**
         * @description Message codes defined for PIIS for HTTP Error code 409 (CONFLICT).
         * @enum {string}
         */
        MessageCode409_PIIS: "STATUS_INVALID";
        /**
         * @description Message codes defined for signing baskets for HTTP Error code 409 (CONFLICT).
         * @enum {string}
         */
        MessageCode409_SBS: "REFERENCE_STATUS_INVALID" | "STATUS_INVALID";
        /**
         * @description Message codes for HTTP Error code 429 (TOO MANY REQUESTS).
         * @enum {string}
         */
        MessageCode429_AIS: "ACCESS_EXCEEDED";
        /** @description Additional explaining text to the TPP. */
        tppMessageText: string;
        tppMessage2XX: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode2XX"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage400_AIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode400_AIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage400_PIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode400_PIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage400_PIIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode400_PIIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage400_SBS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode400_SBS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage401_PIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode401_PIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage401_AIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode401_AIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage401_PIIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode401_PIIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage401_SBS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode401_SBS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage403_PIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode403_PIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage403_AIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode403_AIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage403_PIIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode403_PIIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage403_SBS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode403_SBS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage404_PIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode404_PIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage404_AIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode404_AIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage404_PIIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode404_PIIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage404_SBS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode404_SBS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage405_PIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode405_PIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage405_PIS_CANC: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode405_PIS_CANC"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage405_AIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode405_AIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage405_PIIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode405_PIIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage405_SBS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode405_SBS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage409_PIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode409_PIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage406_AIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode406_AIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage409_AIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode409_AIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage409_PIIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode409_PIIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage409_SBS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode409_SBS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        tppMessage429_AIS: {
            category: components["schemas"]["tppMessageCategory"];
            code: components["schemas"]["MessageCode429_AIS"];
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        /**
         * @description Format of certain request fields are not matching the XS2A requirements.
         *     An explicit path to the corresponding field might be added in the return message.
         */
        "tppMessage_GENERIC-FORMAT_ERROR_400": {
            category: components["schemas"]["tppMessageCategory"];
            /** @enum {string} */
            code: "FORMAT_ERROR";
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        /**
         * @description The parameter is not supported by the API provider.
         *     This code should only be used for parameters that are described as
         */
        "tppMessage_GENERIC-PARAMETER_NOT_SUPPORTED_400": {
            category: components["schemas"]["tppMessageCategory"];
            /** @enum {string} */
            code: "PARAMETER_NOT_SUPPORTED";
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        /**
         * @description The addressed resource is unknown relative to the TPP.
         *       - 404 (if parameter in path)
         *       - 403 (if other resource in path)
         *       - 400 (if payload)
         */
        "tppMessage_GENERIC-RESOURCE_UNKNOWN_404_403_400": {
            category: components["schemas"]["tppMessageCategory"];
            /** @enum {string} */
            code: "RESOURCE_UNKNOWN";
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        /**
         * @description The addressed resource is associated with the TPP but has expired, not addressable anymore.
         *       - 403 (if path)
         *       - 400 (if payload)
         */
        "tppMessage_GENERIC-RESOURCE_EXPIRED_403_400": {
            category: components["schemas"]["tppMessageCategory"];
            /** @enum {string} */
            code: "RESOURCE_EXPIRED";
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        /** @description The OAuth2 token cannot be matched by the ASPSP relative to the TPP. */
        "tppMessage_GENERIC-TOKEN_UNKNOWN_401": {
            category: components["schemas"]["tppMessageCategory"];
            /** @enum {string} */
            code: "TOKEN_UNKNOWN";
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        /** @description The OAuth2 token is associated to the TPP but is not valid for the addressed service/resource. */
        "tppMessage_GENERIC-TOKEN_INVALID_401": {
            category: components["schemas"]["tppMessageCategory"];
            /** @enum {string} */
            code: "TOKEN_INVALID";
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        /** @description The OAuth2 token is associated to the TPP but has expired and needs to be renewed. */
        "tppMessage_GENERIC-TOKEN_EXPIRED_401": {
            category: components["schemas"]["tppMessageCategory"];
            /** @enum {string} */
            code: "TOKEN_EXPIRED";
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        /**
         * @description This service is not reachable for the addressed PSU due to a channel independent blocking by the ASPSP.
         *     Additional information might be given by the ASPSP.
         */
        "tppMessage_GENERIC-SERVICE_BLOCKED_403": {
            category: components["schemas"]["tppMessageCategory"];
            /** @enum {string} */
            code: "SERVICE_BLOCKED";
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        /**
         * @description Message to the TPP:
         *     The addressed service is not valid for the addressed resources or the submitted data.
         *
         *       - 400 (if payload)
         *       - 405 (if HTTP method)
         */
        "tppMessage_GENERIC-SERVICE_INVALID_400_405": {
            category: components["schemas"]["tppMessageCategory"];
            /** @enum {string} */
            code: "SERVICE_INVALID";
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        /**
         * @description Message to the TPP:
         *     The requested formats in the Accept header entry are not matching the formats offered by the ASPSP.
         */
        "tppMessage-REQUESTED_FORMATS_INVALID_406": {
            category: components["schemas"]["tppMessageCategory"];
            /** @enum {string} */
            code: "REQUESTED_FORMATS_INVALID";
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        /**
         * @description Message to the TPP:
         *     The request could not be completed due to a conflict with the current state of the resource.
         */
        "tppMessage_GENERIC-CONFLICT_409": {
            category: components["schemas"]["tppMessageCategory"];
            /** @enum {string} */
            code: "CONFLICT";
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        /**
         * @description Message to the TPP:
         *     The access on the account has been exceeding the consented multiplicity per day.
         */
        "tppMessage-ACCESS_EXCEEDED_429": {
            category: components["schemas"]["tppMessageCategory"];
            /** @enum {string} */
            code: "ACCESS_EXCEEDED";
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        };
        /**
         * @description Messages to the TPP on operational issues.
         * @example [
         *       {
         *         "category": "ERROR",
         *         "code": "FORMAT_ERROR",
         *         "text": "additional text information of the ASPSP up to 512 characters"
         *       },
         *       {
         *         "category": "ERROR",
         *         "code": "FORMAT_ERROR",
         *         "text": "Further additional text information of the ASPSP up to 512 characters"
         *       }
         *     ]
         */
        tppMessages400: (components["schemas"]["tppMessage_GENERIC-FORMAT_ERROR_400"] | components["schemas"]["tppMessage_GENERIC-PARAMETER_NOT_SUPPORTED_400"] | components["schemas"]["tppMessage_GENERIC-SERVICE_INVALID_400_405"] | components["schemas"]["tppMessage_GENERIC-RESOURCE_UNKNOWN_404_403_400"] | components["schemas"]["tppMessage_GENERIC-RESOURCE_EXPIRED_403_400"])[];
        /**
         * @description Messages with HTTP error code 401 to the TPP on operational issues.
         * @example [
         *       {
         *         "category": "ERROR",
         *         "code": "CERTIFICATE_INVALID",
         *         "text": "additional text information of the ASPSP up to 512 characters"
         *       }
         *     ]
         */
        tppMessages401: (components["schemas"]["tppMessage_GENERIC-TOKEN_UNKNOWN_401"] | components["schemas"]["tppMessage_GENERIC-TOKEN_INVALID_401"] | components["schemas"]["tppMessage_GENERIC-TOKEN_EXPIRED_401"] | {
            category: components["schemas"]["tppMessageCategory"];
            /** @enum {string} */
            code: "CERTIFICATE_INVALID" | "CERTIFICATE_EXPIRED" | "CERTIFICATE_BLOCKED" | "CERTIFICATE_REVOKE" | "CERTIFICATE_MISSING" | "ROLE_INVALID";
            path?: string;
            text?: components["schemas"]["tppMessageText"];
        })[];
        /**
         * @description Messages with HTTP error code 403 to the TPP on operational issues.
         * @example [
         *       {
         *         "category": "ERROR",
         *         "code": "SERVICE_BLOCKED",
         *         "text": "additional text information of the ASPSP up to 512 characters"
         *       }
         *     ]
         */
        tppMessages403: (components["schemas"]["tppMessage_GENERIC-SERVICE_BLOCKED_403"] | components["schemas"]["tppMessage_GENERIC-RESOURCE_UNKNOWN_404_403_400"] | components["schemas"]["tppMessage_GENERIC-RESOURCE_EXPIRED_403_400"])[];
        /**
         * @description Messages with HTTP error code 404 to the TPP on operational issues.
         * @example [
         *       {
         *         "category": "ERROR",
         *         "code": "PRODUCT_UNKNOWN",
         *         "text": "additional text information of the ASPSP up to 512 characters"
         *       }
         *     ]
         */
        tppMessages404: components["schemas"]["tppMessage_GENERIC-RESOURCE_UNKNOWN_404_403_400"][];
        /**
         * @description Messages with HTTP error code 405 to the TPP on operational issues.
         * @example [
         *       {
         *         "category": "ERROR",
         *         "code": "SERVICE_INVALID",
         *         "text": "additional text information of the ASPSP up to 512 characters"
         *       }
         *     ]
         */
        tppMessages405: components["schemas"]["tppMessage_GENERIC-SERVICE_INVALID_400_405"][];
        /**
         * @description Messages with HTTP error code 406 to the TPP on operational issues.
         * @example [
         *       {
         *         "category": "ERROR",
         *         "code": "REQUESTED_FORMATS_INVALID",
         *         "text": "additional text information of the ASPSP up to 512 characters"
         *       }
         *     ]
         */
        tppMessages406: components["schemas"]["tppMessage-REQUESTED_FORMATS_INVALID_406"][];
        /**
         * @description Messages with HTTP error code 409 to the TPP on operational issues.
         * @example [
         *       {
         *         "category": "ERROR",
         *         "code": "CONFLICT",
         *         "text": "additional text information of the ASPSP up to 512 characters"
         *       }
         *     ]
         */
        tppMessages409: components["schemas"]["tppMessage_GENERIC-CONFLICT_409"][];
        /**
         * @description Messages with HTTP error code 429 to the TPP on operational issues.
         * @example [
         *       {
         *         "category": "ERROR",
         *         "code": "ACCESS_EXCEEDED",
         *         "text": "additional text information of the ASPSP up to 512 characters"
         *       }
         *     ]
         */
        tppMessages429: components["schemas"]["tppMessage-ACCESS_EXCEEDED_429"][];
        /**
         * @description Short human readable description of error type.
         *     Could be in local language.
         *     To be provided by ASPSPs.
         */
        tppErrorTitle: string;
        /**
         * @description Detailed human readable text specific to this instance of the error.
         *     XPath might be used to point to the issue generating the error in addition.
         *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
         */
        tppErrorDetail: string;
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 400 for PIS.
         */
        Error400_PIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode400_PIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode400_PIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 400 for AIS.
         */
        Error400_AIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode400_AIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode400_AIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 400 for PIIS.
         */
        Error400_PIIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode400_PIIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode400_PIIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 400 for signing baskets.
         */
        Error400_SBS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode400_SBS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode400_SBS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 401 for PIS.
         */
        Error401_PIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode401_PIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode401_PIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 401 for AIS.
         */
        Error401_AIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode401_AIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode401_AIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 401 for PIIS.
         */
        Error401_PIIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode401_PIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode401_PIIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 401 for signing baskets.
         */
        Error401_SBS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode401_SBS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode401_SBS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 403 for PIS.
         */
        Error403_PIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode403_PIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode403_PIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 403 for AIS.
         */
        Error403_AIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode403_AIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode403_AIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 403 for PIIS.
         */
        Error403_PIIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode403_PIIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode403_PIIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 403 for signing baskets.
         */
        Error403_SBS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode403_SBS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode403_SBS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 404 for PIS.
         */
        Error404_PIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode404_PIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode404_PIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 404 for AIS.
         */
        Error404_AIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode404_AIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode404_AIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 404 for PIIS.
         */
        Error404_PIIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode404_PIIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode404_PIIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 404 for signing baskets.
         */
        Error404_SBS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode404_SBS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode404_SBS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 405 for PIS.
         */
        Error405_PIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode405_PIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode405_PIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 405 for a pament cancelation (PIS).
         */
        Error405_PIS_CANC: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode405_PIS_CANC"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode405_PIS_CANC"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 405 for AIS.
         */
        Error405_AIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode405_AIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode405_AIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 405 for PIIS.
         */
        Error405_PIIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode405_PIIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode405_PIIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 405 for signing baskets.
         */
        Error405_SBS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode405_SBS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode405_SBS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 406 for AIS.
         */
        Error406_AIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode406_AIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode406_AIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 409 for PIS.
         */
        Error409_PIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode409_PIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode409_PIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 409 for AIS.
         */
        Error409_AIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode409_AIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode409_AIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 409 for PIIS.
         */
        Error409_PIIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode409_PIIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode409_PIIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 409 for signing baskets.
         */
        Error409_SBS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode409_SBS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode409_SBS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Standardised definition of reporting error information according to [RFC7807]
         *     in case of a HTTP error code 429 for AIS.
         */
        Error429_AIS: {
            /**
             * Format: uri
             * @description A URI reference [RFC3986] that identifies the problem type.
             *     Remark For Future: These URI will be provided by NextGenPSD2 in future.
             */
            type: string;
            /**
             * @description Short human readable description of error type.
             *     Could be in local language.
             *     To be provided by ASPSPs.
             */
            title?: string;
            /**
             * @description Detailed human readable text specific to this instance of the error.
             *     XPath might be used to point to the issue generating the error in addition.
             *     Remark for Future: In future, a dedicated field might be introduced for the XPath.
             */
            detail?: string;
            code: components["schemas"]["MessageCode429_AIS"];
            /**
             * @description Array of Error Information Blocks.
             *
             *     Might be used if more than one error is to be communicated
             */
            additionalErrors?: {
                title?: components["schemas"]["tppErrorTitle"];
                detail?: components["schemas"]["tppErrorDetail"];
                code: components["schemas"]["MessageCode429_AIS"];
            }[];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 400. */
        Error400_NG_PIS: {
            tppMessages?: components["schemas"]["tppMessage400_PIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 400. */
        Error400_NG_AIS: {
            tppMessages?: components["schemas"]["tppMessage400_AIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 400. */
        Error400_NG_PIIS: {
            tppMessages?: components["schemas"]["tppMessage400_PIIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 400. */
        Error400_NG_SBS: {
            tppMessages?: components["schemas"]["tppMessage400_SBS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 401. */
        Error401_NG_PIS: {
            tppMessages?: components["schemas"]["tppMessage401_PIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 401. */
        Error401_NG_AIS: {
            tppMessages?: components["schemas"]["tppMessage401_AIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 401. */
        Error401_NG_PIIS: {
            tppMessages?: components["schemas"]["tppMessage401_PIIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 401. */
        Error401_NG_SBS: {
            tppMessages?: components["schemas"]["tppMessage401_SBS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 403. */
        Error403_NG_PIS: {
            tppMessages?: components["schemas"]["tppMessage403_PIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 403. */
        Error403_NG_AIS: {
            tppMessages?: components["schemas"]["tppMessage403_AIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 403. */
        Error403_NG_PIIS: {
            tppMessages?: components["schemas"]["tppMessage403_PIIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 403. */
        Error403_NG_SBS: {
            tppMessages?: components["schemas"]["tppMessage403_SBS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 404. */
        Error404_NG_PIS: {
            tppMessages?: components["schemas"]["tppMessage404_PIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 404. */
        Error404_NG_AIS: {
            tppMessages?: components["schemas"]["tppMessage404_AIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 404. */
        Error404_NG_PIIS: {
            tppMessages?: components["schemas"]["tppMessage404_PIIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 404. */
        Error404_NG_SBS: {
            tppMessages?: components["schemas"]["tppMessage404_SBS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 401. */
        Error405_NG_PIS: {
            tppMessages?: components["schemas"]["tppMessage405_PIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 401. */
        Error405_NG_PIS_CANC: {
            tppMessages?: components["schemas"]["tppMessage405_PIS_CANC"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 401. */
        Error405_NG_AIS: {
            tppMessages?: components["schemas"]["tppMessage405_AIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 401. */
        Error405_NG_PIIS: {
            tppMessages?: components["schemas"]["tppMessage405_PIIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 401. */
        Error405_NG_SBS: {
            tppMessages?: components["schemas"]["tppMessage405_SBS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /** @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 406. */
        Error406_NG_AIS: {
            tppMessages?: components["schemas"]["tppMessage406_AIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 409.
         * @example [
         *       {
         *         "category": "ERROR",
         *         "code": "STATUS_INVALID",
         *         "text": "additional text information of the ASPSP up to 512 characters"
         *       }
         *     ]
         */
        Error409_NG_PIS: {
            tppMessages?: components["schemas"]["tppMessage409_PIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 409.
         * @example [
         *       {
         *         "category": "ERROR",
         *         "code": "STATUS_INVALID",
         *         "text": "additional text information of the ASPSP up to 512 characters"
         *       }
         *     ]
         */
        Error409_NG_AIS: {
            tppMessages?: components["schemas"]["tppMessage409_AIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 409.
         * @example [
         *       {
         *         "category": "ERROR",
         *         "code": "STATUS_INVALID",
         *         "text": "additional text information of the ASPSP up to 512 characters"
         *       }
         *     ]
         */
        Error409_NG_PIIS: {
            tppMessages?: components["schemas"]["tppMessage409_PIIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 409.
         * @example [
         *       {
         *         "category": "ERROR",
         *         "code": "STATUS_INVALID",
         *         "text": "additional text information of the ASPSP up to 512 characters"
         *       }
         *     ]
         */
        Error409_NG_SBS: {
            tppMessages?: components["schemas"]["tppMessage409_SBS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description NextGenPSD2 specific definition of reporting error information in case of a HTTP error code 429.
         * @example [
         *       {
         *         "category": "ERROR",
         *         "code": "ACCESS_EXCEEDED",
         *         "text": "additional text information of the ASPSP up to 512 characters"
         *       }
         *     ]
         */
        Error429_NG_AIS: {
            tppMessages?: components["schemas"]["tppMessage429_AIS"][];
            _links?: components["schemas"]["_linksAll"];
        };
        /**
         * @description Comma separated array of ISO country codes
         * @example SE,UK,FI
         */
        isoCountryCodes: string[];
        /**
         * @description Comma separated array of city IDs
         * @example 37efa883-c8ad-4ff7-927b-b11b02beb923,ba9dd929-1408-33a6-3ce2-bc45fcfaaa5c
         */
        cityIds: string[];
        /** @description List of ASPSPs */
        aspspList: {
            aspsps: components["schemas"]["aspspListItem"][];
        };
        /** @description ASPSP */
        aspsp: {
            /** Format: uuid */
            id?: string;
            bicFi?: string;
            companyNumber?: string;
            name?: string;
            phone?: string;
            city?: string;
            country?: string;
            postalCode?: string;
            streetAddress?: string;
            websiteUrl?: string;
            logoUrl?: string;
            globalPaymentProducts?: string[];
            affiliatedAspsps?: components["schemas"]["affiliatedAspsps"];
            health?: components["schemas"]["aspspHealth"];
        };
        /** @description Affiliated ASPSP */
        affiliatedAspsps: components["schemas"]["affiliatedAspspItem"][];
        /** @description Affiliated ASPSP */
        affiliatedAspspItem: {
            /** @description Id of the affiliated ASPSP */
            id?: string;
            /** @description Name of the affiliated ASPSP */
            name?: string;
        };
        /** @description Basic ASPSP information */
        aspspListItem: {
            /** Format: uuid */
            id?: string;
            bicFi?: string;
            name?: string;
            logoUrl?: string;
            health?: components["schemas"]["aspspHealth"];
        };
        /** @description List of cities */
        cityList: {
            cities: components["schemas"]["city"][];
        };
        /** @description City */
        city: {
            /** Format: uuid */
            cityId?: string;
            name?: string;
            /** Format: uuid */
            countryId?: string;
            isoCountryCode?: string;
        };
        /** @description List of countries */
        countryList: {
            countries: components["schemas"]["country"][];
        };
        /** @description Country */
        country: {
            /** Format: uuid */
            id?: string;
            isoCountryCode?: string;
            name?: string;
        };
        /** @description The bank's health as Bankbridge sees it: available (calls go to the bank), unavailable (its last calls failed; Bankbridge answers 503 at once until retryAt) or recovering (the next call tries the bank again). */
        aspspHealth: {
            /** @enum {string} */
            status: "available" | "unavailable" | "recovering";
            /**
             * Format: date-time
             * @description When the bank stopped answering; absent while available.
             */
            since?: string;
            /**
             * Format: date-time
             * @description While unavailable: when Bankbridge calls the bank again.
             */
            retryAt?: string;
        };
    };
    responses: {
        /** @description OK */
        OK_200_PaymentInitiationInformation: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["paymentInitiationWithStatusResponse"] | components["schemas"]["paymentInitiationSwedishGiroWithStatusResponse"] | components["schemas"]["periodicPaymentInitiationWithStatusResponse"] | components["schemas"]["bulkPaymentInitiationWithStatusResponse"];
                "application/xml": components["schemas"]["paymentInitiationSct_pain.001"] | components["schemas"]["paymentInitiationSctInst_pain.001"] | components["schemas"]["paymentInitiationTarget2_pain.001"] | components["schemas"]["paymentInitiationCrossBorder_pain.001"];
                "multipart/form-data": components["schemas"]["periodicPaymentInitiationMultipartBody"];
            };
        };
        /** @description OK */
        OK_200_PaymentInitiationStatus: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["paymentInitiationStatusResponse-200_json"];
                "application/xml": components["schemas"]["paymentInitiationStatusResponse-200_xml"];
            };
        };
        /** @description OK */
        OK_200_Authorisations: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["authorisations"];
            };
        };
        /** @description OK */
        OK_200_ScaStatus: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["scaStatusResponse"];
            };
        };
        /** @description OK */
        OK_200_AccountList: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["accountList"];
            };
        };
        /** @description OK */
        OK_200_CardAccountList: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["cardAccountList"];
            };
        };
        /** @description OK */
        OK_200_CancellationList: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["cancellationList"];
            };
        };
        /** @description OK */
        OK_200_AccountDetails: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    account: components["schemas"]["accountDetails"];
                };
            };
        };
        /** @description OK */
        OK_200_CardAccountDetails: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["cardAccountDetails"];
            };
        };
        /** @description OK */
        OK_200_TransactionDetails: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    transactionsDetails: components["schemas"]["transactionDetails"];
                };
            };
        };
        /** @description OK */
        OK_200_Balances: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["readAccountBalanceResponse-200"];
            };
        };
        /** @description OK */
        OK_200_CardAccountBalances: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["readCardAccountBalanceResponse-200"];
            };
        };
        /** @description OK */
        OK_200_AccountsTransactions: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["transactionsResponse-200_json"];
                "application/xml": components["schemas"]["camt.052"] | components["schemas"]["camt.053"] | components["schemas"]["camt.054"];
                "application/text": components["schemas"]["mt940"] | components["schemas"]["mt942"];
            };
        };
        /** @description OK */
        OK_200_CardAccountsTransactions: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["cardAccountsTransactionsResponse200"];
            };
        };
        /** @description OK */
        OK_200_ConsentInformation: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["consentInformationResponse-200_json"];
            };
        };
        /** @description OK */
        OK_200_ConsentStatus: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["consentStatusResponse-200"];
            };
        };
        /** @description OK */
        OK_200_UpdatePsuData: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                "ASPSP-SCA-Approach": components["headers"]["ASPSP-SCA-Approach"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["updatePsuIdenticationResponse"] | components["schemas"]["updatePsuAuthenticationResponse"] | components["schemas"]["selectPsuAuthenticationMethodResponse"] | components["schemas"]["scaStatusResponse"];
            };
        };
        /** @description OK */
        OK_200_GetSigningBasket: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["signingBasketResponse-200"];
            };
        };
        /** @description OK */
        OK_200_SigningBasketStatus: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["signingBasketStatusResponse-200"];
            };
        };
        /** @description OK */
        OK_200_ConfirmationOfFunds: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    fundsAvailable: boolean;
                };
            };
        };
        /** @description Created */
        CREATED_201_SigningBasket: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                "ASPSP-SCA-Approach": components["headers"]["ASPSP-SCA-Approach"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["signingBasketResponse-201"];
            };
        };
        /** @description CREATED */
        CREATED_201_PaymentInitiation: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                Location: components["headers"]["Location"];
                "ASPSP-SCA-Approach": components["headers"]["ASPSP-SCA-Approach"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["paymentInitationRequestResponse-201"] | components["schemas"]["paymentInitationSwedishGiroRequestResponse-201"];
            };
        };
        /** @description Created */
        CREATED_201_StartScaProcess: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                "ASPSP-SCA-Approach": components["headers"]["ASPSP-SCA-Approach"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["startScaprocessResponse"];
            };
        };
        /** @description Created */
        CREATED_201_Consents: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                "ASPSP-SCA-Approach": components["headers"]["ASPSP-SCA-Approach"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["consentsResponse-201"];
            };
        };
        /** @description Received */
        RECEIVED_202_PaymentInitiationCancel: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["paymentInitiationCancelResponse-202"];
            };
        };
        /** @description No Content */
        NO_CONTENT_204_PaymentInitiationCancel: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description No Content */
        NO_CONTENT_204_Consents: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description No Content */
        NO_CONTENT_204_SigningBasket: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description OK */
        OK_200_ASPSPList: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "aspsps": [
                 *         {
                 *           "bicFi": "OPBKSE21",
                 *           "name": "Demo Bank One (EUR)",
                 *           "logoUrl": "https://openbankingplatform.blob.core.windows.net/image/OPBKSE21.png"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["aspspList"];
            };
        };
        /** @description OK */
        OK_200_ASPSP: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "city": "Stockholm",
                 *       "country": "Sweden",
                 *       "postalCode": "106 40",
                 *       "streetAddress": "Kungsträdgårdsgatan 8",
                 *       "companyNumber": "502032-9081",
                 *       "phone": "+46-771 365 365",
                 *       "websiteUrl": "https://seb.se/",
                 *       "globalPaymentProducts": [
                 *         "sepa-credit-transfers",
                 *         "domestic",
                 *         "international"
                 *       ],
                 *       "supportedAuthorizationMethods": [
                 *         {
                 *           "name": "OAuth2",
                 *           "uri": "https://auth.sandbox.openbankingplatform.com/.well-known/openid-configuration"
                 *         }
                 *       ],
                 *       "bicFi": "ESSESESS",
                 *       "name": "Skandinaviska Enskilda Banken AB ",
                 *       "logoUrl": "https://opeopenbanking.blob.core.windows.net/images/ESSESESS.jpg",
                 *       "affiliatedAspsps": [
                 *         {
                 *           "id": "08999",
                 *           "name": "Swedbank"
                 *         },
                 *         {
                 *           "id": "08114",
                 *           "name": "Södra Dalarnas Sparbank AB"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["aspsp"];
            };
        };
        /** @description OK */
        OK_200_CityList: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "cities": [
                 *         {
                 *           "cityId": "37efa883-c8ad-4ff7-927b-b11b02beb923",
                 *           "name": "Stockholm",
                 *           "isoCountryCode": "SE"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["cityList"];
            };
        };
        /** @description OK */
        OK_200_City: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "cityId": "37efa883-c8ad-4ff7-927b-b11b02beb923",
                 *       "name": "Stockholm",
                 *       "isoCountryCode": "SE"
                 *     }
                 */
                "application/json": components["schemas"]["city"];
            };
        };
        /** @description OK */
        OK_200_CountryList: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "countries": [
                 *         {
                 *           "id": "fa2b20bd-6148-318c-bfdf-a5782cd0b54b",
                 *           "isoCountryCode": "SE",
                 *           "name": "Sweden"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["countryList"];
            };
        };
        /** @description OK */
        OK_200_Country: {
            headers: {
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "id": "fa2b20bd-6148-318c-bfdf-a5782cd0b54b",
                 *       "isoCountryCode": "SE",
                 *       "name": "Sweden"
                 *     }
                 */
                "application/json": components["schemas"]["country"];
            };
        };
        /** @description Bad Request */
        BAD_REQUEST_400_AIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error400_NG_AIS"];
                "application/problem+json": components["schemas"]["Error400_AIS"];
            };
        };
        /** @description Bad Request */
        BAD_REQUEST_400_PIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error400_NG_PIS"];
                "application/problem+json": components["schemas"]["Error400_PIS"];
            };
        };
        /** @description Bad Request */
        BAD_REQUEST_400_PIIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error400_NG_AIS"];
                "application/problem+json": components["schemas"]["Error400_AIS"];
            };
        };
        /** @description Bad Request */
        BAD_REQUEST_400_SBS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error400_NG_SBS"];
                "application/problem+json": components["schemas"]["Error400_SBS"];
            };
        };
        /** @description Unauthorized */
        UNAUTHORIZED_401_PIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error401_NG_PIS"];
                "application/problem+json": components["schemas"]["Error401_PIS"];
            };
        };
        /** @description Unauthorized */
        UNAUTHORIZED_401_AIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error401_NG_AIS"];
                "application/problem+json": components["schemas"]["Error401_AIS"];
            };
        };
        /** @description Unauthorized */
        UNAUTHORIZED_401_PIIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error401_NG_PIIS"];
                "application/problem+json": components["schemas"]["Error401_PIIS"];
            };
        };
        /** @description Unauthorized */
        UNAUTHORIZED_401_SBS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error401_NG_SBS"];
                "application/problem+json": components["schemas"]["Error401_SBS"];
            };
        };
        /** @description Forbidden */
        FORBIDDEN_403_PIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error403_NG_PIS"];
                "application/problem+json": components["schemas"]["Error403_PIS"];
            };
        };
        /** @description Forbidden */
        FORBIDDEN_403_AIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error403_NG_AIS"];
                "application/problem+json": components["schemas"]["Error403_AIS"];
            };
        };
        /** @description Forbidden */
        FORBIDDEN_403_PIIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error403_NG_PIIS"];
                "application/problem+json": components["schemas"]["Error403_PIIS"];
            };
        };
        /** @description Forbidden */
        FORBIDDEN_403_SBS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error403_NG_SBS"];
                "application/problem+json": components["schemas"]["Error403_SBS"];
            };
        };
        /** @description Not found */
        NOT_FOUND_404_PIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error404_NG_PIS"];
                "application/problem+json": components["schemas"]["Error404_PIS"];
            };
        };
        /** @description Not found */
        NOT_FOUND_404_AIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error404_NG_AIS"];
                "application/problem+json": components["schemas"]["Error404_AIS"];
            };
        };
        /** @description Not found */
        NOT_FOUND_404_PIIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error404_NG_PIIS"];
                "application/problem+json": components["schemas"]["Error404_PIIS"];
            };
        };
        /** @description Not found */
        NOT_FOUND_404_SBS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error404_NG_SBS"];
                "application/problem+json": components["schemas"]["Error404_SBS"];
            };
        };
        /** @description Method Not Allowed */
        METHOD_NOT_ALLOWED_405_PIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error405_NG_PIS"];
                "application/problem+json": components["schemas"]["Error405_PIS"];
            };
        };
        /** @description Method Not Allowed */
        METHOD_NOT_ALLOWED_405_PIS_CANC: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error405_NG_PIS_CANC"];
                "application/problem+json": components["schemas"]["Error405_PIS_CANC"];
            };
        };
        /** @description Method Not Allowed */
        METHOD_NOT_ALLOWED_405_AIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error405_NG_AIS"];
                "application/problem+json": components["schemas"]["Error405_AIS"];
            };
        };
        /** @description Method Not Allowed */
        METHOD_NOT_ALLOWED_405_PIIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error405_NG_PIIS"];
                "application/problem+json": components["schemas"]["Error405_PIIS"];
            };
        };
        /** @description Method Not Allowed */
        METHOD_NOT_ALLOWED_405_SBS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error405_NG_SBS"];
                "application/problem+json": components["schemas"]["Error405_SBS"];
            };
        };
        /** @description Not Acceptable */
        NOT_ACCEPTABLE_406_PIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "REQUESTED_FORMATS_INVALID";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Not Acceptable */
        NOT_ACCEPTABLE_406_AIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error406_NG_AIS"];
                "application/problem+json": components["schemas"]["Error406_AIS"];
            };
        };
        /** @description Not Acceptable */
        NOT_ACCEPTABLE_406_PIIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "REQUESTED_FORMATS_INVALID";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Not Acceptable */
        NOT_ACCEPTABLE_406_SBS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "REQUESTED_FORMATS_INVALID";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Request Timeout */
        REQUEST_TIMEOUT_408_PIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Request Timeout */
        REQUEST_TIMEOUT_408_AIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Request Timeout */
        REQUEST_TIMEOUT_408_PIIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Request Timeout */
        REQUEST_TIMEOUT_408_SBS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Conflict */
        CONFLICT_409_PIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error409_NG_PIS"];
                "application/problem+json": components["schemas"]["Error409_PIS"];
            };
        };
        /** @description Conflict */
        CONFLICT_409_AIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error409_NG_AIS"];
                "application/problem+json": components["schemas"]["Error409_AIS"];
            };
        };
        /** @description Conflict */
        CONFLICT_409_PIIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error409_NG_PIIS"];
                "application/problem+json": components["schemas"]["Error409_PIIS"];
            };
        };
        /** @description Conflict */
        CONFLICT_409_SBS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error409_NG_SBS"];
                "application/problem+json": components["schemas"]["Error409_SBS"];
            };
        };
        /** @description Unsupported Media Type */
        UNSUPPORTED_MEDIA_TYPE_415_AIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "FORMAT_ERROR";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Unsupported Media Type */
        UNSUPPORTED_MEDIA_TYPE_415_PIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "FORMAT_ERROR";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Unsupported Media Type */
        UNSUPPORTED_MEDIA_TYPE_415_PIIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "FORMAT_ERROR";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Unsupported Media Type */
        UNSUPPORTED_MEDIA_TYPE_415_SBS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "FORMAT_ERROR";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Too Many Requests */
        TOO_MANY_REQUESTS_429_PIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "ACCESS_EXCEEDED";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Too Many Requests */
        TOO_MANY_REQUESTS_429_AIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error429_NG_AIS"];
                "application/problem+json": components["schemas"]["Error429_AIS"];
            };
        };
        /** @description Too Many Requests */
        TOO_MANY_REQUESTS_429_PIIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "ACCESS_EXCEEDED";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Too Many Requests */
        TOO_MANY_REQUESTS_429_SBS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "ACCESS_EXCEEDED";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Internal Server Error */
        INTERNAL_SERVER_ERROR_500_PIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "INTERNAL_SERVER_ERROR";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Internal Server Error */
        INTERNAL_SERVER_ERROR_500_AIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "INTERNAL_SERVER_ERROR";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Internal Server Error */
        INTERNAL_SERVER_ERROR_500_PIIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "INTERNAL_SERVER_ERROR";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Internal Server Error */
        INTERNAL_SERVER_ERROR_500_SBS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "INTERNAL_SERVER_ERROR";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Service Unavailable */
        SERVICE_UNAVAILABLE_503_PIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "SERVICE_UNAVAILABLE";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Service Unavailable */
        SERVICE_UNAVAILABLE_503_AIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "SERVICE_UNAVAILABLE";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Service Unavailable */
        SERVICE_UNAVAILABLE_503_PIIS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "SERVICE_UNAVAILABLE";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Service Unavailable */
        SERVICE_UNAVAILABLE_503_SBS: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "SERVICE_UNAVAILABLE";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Bad Request */
        BAD_REQUEST_400_ASPSP: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "tppMessages": [
                 *         {
                 *           "category": "ERROR",
                 *           "code": "FORMAT_ERROR",
                 *           "text": "additional text information of the ASPSP up to 512 characters"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    tppMessages: components["schemas"]["tppMessages400"];
                };
            };
        };
        /** @description Unauthorized */
        UNAUTHORIZED_401_ASPSP: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "tppMessages": [
                 *         {
                 *           "category": "ERROR",
                 *           "code": "UNAUTHORIZED",
                 *           "text": "additional text information of the ASPSP up to 512 characters"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    tppMessages: components["schemas"]["tppMessages401"];
                };
            };
        };
        /** @description Forbidden */
        FORBIDDEN_403_ASPSP: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "tppMessages": [
                 *         {
                 *           "category": "ERROR",
                 *           "code": "SERVICE_BLOCKED",
                 *           "text": "additional text information of the ASPSP up to 512 characters"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    tppMessages: components["schemas"]["tppMessages403"];
                };
            };
        };
        /** @description Not found */
        NOT_FOUND_404_ASPSP: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "tppMessages": [
                 *         {
                 *           "category": "ERROR",
                 *           "code": "RESOURCE_NOT_FOUND",
                 *           "text": "additional text information of the ASPSP up to 512 characters"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    tppMessages: components["schemas"]["tppMessages404"];
                };
            };
        };
        /** @description Method Not Allowed */
        METHOD_NOT_ALLOWED_405_ASPSP: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "tppMessages": [
                 *         {
                 *           "category": "ERROR",
                 *           "code": "SERVICE_INVALID",
                 *           "text": "additional text information of the ASPSP up to 512 characters"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    tppMessages: components["schemas"]["tppMessages405"];
                };
            };
        };
        /** @description Not Acceptable */
        NOT_ACCEPTABLE_406_ASPSP: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "tppMessages": [
                 *         {
                 *           "category": "ERROR",
                 *           "code": "REQUESTED_FORMATS_INVALID",
                 *           "text": "additional text information of the ASPSP up to 512 characters"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    tppMessages: components["schemas"]["tppMessages406"];
                };
            };
        };
        /** @description Request Timeout */
        REQUEST_TIMEOUT_408_ASPSP: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Conflict */
        CONFLICT_409_ASPSP: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: components["schemas"]["tppMessages409"];
                };
            };
        };
        /** @description Precondition Failed */
        PRECONDITION_FAILED_412_ASPSP: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description Unsupported Media Type */
        UNSUPPORTED_MEDIA_TYPE_415_ASPSP: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "FORMAT_ERROR";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Too Many Requests */
        TOO_MANY_REQUESTS_429_ASPSP: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "tppMessages": [
                 *         {
                 *           "category": "ERROR",
                 *           "code": "ACCESS_EXCEEDED",
                 *           "text": "additional text information of the ASPSP up to 512 characters"
                 *         }
                 *       ]
                 *     }
                 */
                "application/json": {
                    tppMessages: components["schemas"]["tppMessages429"];
                };
            };
        };
        /** @description Internal Server Error */
        INTERNAL_SERVER_ERROR_500_ASPSP: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "INTERNAL_SERVER_ERROR";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
        /** @description Service Unavailable */
        SERVICE_UNAVAILABLE_503_ASPSP: {
            headers: {
                Location: components["headers"]["Location"];
                "X-Request-ID": components["headers"]["X-Request-ID"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    tppMessages: {
                        category: components["schemas"]["tppMessageCategory"];
                        /** @enum {string} */
                        code: "SERVICE_UNAVAILABLE";
                        path?: string;
                        text?: components["schemas"]["tppMessageText"];
                    }[];
                };
            };
        };
    };
    parameters: {
        /**
         * @description Payment service:
         *
         *     Possible values are:
         *     * payments
         *     * bulk-payments
         *     * periodic-payments
         */
        paymentService: "payments" | "bulk-payments" | "periodic-payments";
        /**
         * @description The addressed payment product endpoint, e.g. for SEPA Credit Transfers (SCT).
         *
         *     The following payment products are supported:
         *       - sepa-credit-transfers
         *       - domestic
         *       - international
         *       - swedish-giro
         */
        paymentProduct: "sepa-credit-transfers" | "domestic" | "international" | "swedish-giro";
        /** @description Resource identification of the generated payment initiation resource. */
        paymentId: components["schemas"]["paymentId"];
        /** @description Identification for cancellation resource. */
        cancellationId: components["schemas"]["cancellationId"];
        /** @description Resource identification of the related SCA. */
        authorisationId: components["schemas"]["authorisationId"];
        /**
         * @description This identification is denoting the addressed account.
         *     The account-id is retrieved by using a "Read Account List" call.
         *     The account-id is the "id" attribute of the account structure.
         *     Its value is constant at least throughout the lifecycle of a given consent.
         */
        accountId: components["schemas"]["accountId"];
        /** @description This identification is given by the attribute transactionId of the corresponding entry of a transaction list. */
        transactionId: components["schemas"]["transactionId"];
        /** @description This identification of the corresponding signing basket object. */
        basketId_PATH: components["schemas"]["basketId"];
        /** @description ID of the corresponding consent object as returned by an Account Information Consent Request. */
        consentId_PATH: components["schemas"]["consentId"];
        /**
         * @description This data element may be contained, if the payment initiation transaction is part of a session, i.e. combined AIS/PIS service.
         *     This then contains the consentId of the related AIS consent, which was performed prior to this payment initiation.
         */
        consentId_HEADER_optional: components["schemas"]["consentId"];
        /** @description This then contains the consentId of the related AIS consent, which was performed prior to this payment initiation. */
        consentId_HEADER_mandatory: components["schemas"]["consentId"];
        /**
         * @description If contained, this function reads the list of accessible payment accounts including the booking balance,
         *     if granted by the PSU in the related consent and available by the ASPSP.
         *     This parameter might be ignored by the ASPSP.
         */
        withBalanceQuery: boolean;
        /**
         * @description Conditional: Starting date (inclusive the date dateFrom) of the transaction list, mandated if no delta access is required.
         *
         *     For booked transactions, the relevant date is the booking date.
         *
         *     For pending transactions, the relevant date is the entry date, which may not be transparent
         *     neither in this API nor other channels of the ASPSP.
         */
        dateFrom: string;
        /**
         * @description End date (inclusive the data dateTo) of the transaction list, default is "now" if not given.
         *
         *     Might be ignored if a delta function is used.
         *
         *     For booked transactions, the relevant date is the booking date.
         *
         *     For pending transactions, the relevant date is the entry date, which may not be transparent
         *     neither in this API nor other channels of the ASPSP.
         */
        dateTo: string;
        /**
         * @description This data attribute is indicating that the AISP is in favour to get all transactions after
         *     the transaction with identification entryReferenceFrom alternatively to the above defined period.
         *     This is a implementation of a delta access.
         *     If this data element is contained, the entries "dateFrom" and "dateTo" might be ignored by the ASPSP
         *     if a delta report is supported.
         *
         *     Optional if supported by API provider.
         */
        entryReferenceFrom: string;
        /**
         * @description Permitted codes are
         *       * "booked",
         *       * "pending" and
         *       * "both"
         *     "booked" shall be supported by the ASPSP.
         *     To support the "pending" and "both" feature is optional for the ASPSP,
         *     Error code if not supported in the online banking frontend
         */
        bookingStatus: "booked" | "pending" | "both";
        /**
         * @description This data attribute is indicating that the AISP is in favour to get all transactions after the last report access for this PSU on the addressed account. This is another implementation of a delta access-report.
         *     This delta indicator might be rejected by the ASPSP if this function is not supported.
         *     Optional if supported by API provider
         */
        deltaList: boolean;
        /**
         * @description ID of the request, unique to the call, as determined by the initiating party.
         * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
         */
        "X-Request-ID": string;
        /** @description BICFI */
        "X-BicFi": string;
        /**
         * @description The ID of an affiliated ASPSP as related to the X-BicFi header
         * @example 8191
         */
        "X-AffiliatedASPSP-ID": string;
        /**
         * @description Is contained if and only if the "Signature" element is contained in the header of the request.
         * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
         */
        Digest: string;
        /**
         * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
         * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
         */
        Signature: string;
        /**
         * @description The certificate used for signing the request, in base64 encoding.
         *     Must be contained if a signature is contained.
         */
        "TPP-Signature-Certificate": string;
        /**
         * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
         *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
         *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
         *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
         *     TPP/PSU.
         */
        "TPP-Redirect-Preferred": "true" | "false";
        /**
         * @description URI of the TPP, where the transaction flow shall be redirected to after a Redirect.
         *
         *     Mandated for the Redirect SCA Approach, specifically
         *     when TPP-Redirect-Preferred equals "true".
         *     It is recommended to always use this header field.
         *
         *     **Remark for Future:**
         *     This field might be changed to mandatory in the next version of the specification.
         */
        "TPP-Redirect-URI": string;
        /**
         * @description If this URI is contained, the TPP is asking to redirect the transaction flow to this address instead of the TPP-Redirect-URI in case
         *     of a negative result of the redirect SCA method. This might be ignored by the ASPSP.
         */
        "TPP-Nok-Redirect-URI": string;
        /**
         * @description If it equals "true", the TPP prefers to start the authorisation process separately,
         *     e.g. because of the usage of a signing basket.
         *     This preference might be ignored by the ASPSP, if a signing basket is not supported as functionality.
         *
         *     If it equals "false" or if the parameter is not used, there is no preference of the TPP.
         *     This especially indicates that the TPP assumes a direct authorisation of the transaction in the next step,
         *     without using a signing basket.
         */
        "TPP-Explicit-Authorisation-Preferred": "true" | "false";
        /**
         * @description If it equals "true" then the TPP prefers a rejection of the payment initiation in case the ASPSP is
         *     providing an integrated confirmation of funds request an the result of this is that not sufficient
         *     funds are available.
         *
         *     If it equals "false" then the TPP prefers that the ASPSP is dealing with the payment initiation like
         *     in the ASPSPs online channel, potentially waiting for a certain time period for funds to arrive to initiate the payment.
         *
         *     This parameter might be ignored by the ASPSP.
         */
        "TPP-Rejection-NoFunds-Preferred": "true" | "false";
        /**
         * @description URI for the Endpoint of the TPP-API to which the status of the payment initiation should be sent.
         *     This header field may by ignored by the ASPSP.
         */
        "TPP-Notification-URI": string;
        /**
         * @description The string has the form
         *
         *     status=X1, ..., Xn
         *
         *     where Xi is one of the constants SCA, PROCESS, LAST and where constants are not
         *     repeated.
         *     The usage of the constants supports the of following semantics:
         *
         *       SCA: A notification on every change of the scaStatus attribute for all related authorisation processes is preferred by the TPP.
         *
         *       PROCESS: A notification on all changes of consentStatus or transactionStatus attributes is preferred by the TPP.
         *       LAST: Only a notification on the last consentStatus or transactionStatus as available in the XS2A interface is preferred by the TPP.
         *
         *     This header field may be ignored, if the ASPSP does not support resource notification services for the related TPP.
         */
        "TPP-Notification-Content-Preferred": string;
        /**
         * @description Client ID of the PSU in the ASPSP client interface. Might be mandated in the ASPSP's documentation.
         *     Is not contained if an OAuth2 based authentication was performed in a pre-step or an OAuth2 based SCA was performed in an preceding
         *     AIS service in the same session.
         * @example PSU-1234
         */
        "PSU-ID": string;
        /** @description Type of the PSU-ID, needed in scenarios where PSUs have several PSU-IDs as access possibility. */
        "PSU-ID-Type": string;
        /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
        "PSU-Corporate-ID": string;
        /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
        "PSU-Corporate-ID-Type": string;
        /**
         * @description The forwarded IP Address header field consists of the corresponding http request IP Address field between PSU and TPP.
         * @example 192.168.8.78
         */
        "PSU-IP-Address_mandatory": string;
        /**
         * @description The forwarded IP Address header field consists of the corresponding http request IP Address field between PSU and TPP.
         * @example 192.168.8.78
         */
        "PSU-IP-Address_optional": string;
        /**
         * @description The forwarded IP Address header field consists of the corresponding HTTP request
         *     IP Address field between PSU and TPP.
         *     It shall be contained if and only if this request was actively initiated by the PSU.
         * @example 192.168.8.78
         */
        "PSU-IP-Address_conditionalForAis": string;
        /**
         * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
         * @example 1234
         */
        "PSU-IP-Port": string;
        /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
        "PSU-Accept": string;
        /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
        "PSU-Accept-Charset": string;
        /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
        "PSU-Accept-Encoding": string;
        /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
        "PSU-Accept-Language": string;
        /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
        "PSU-User-Agent": string;
        /**
         * @description HTTP method used at the PSU ? TPP interface, if available.
         *     Valid values are:
         *     * GET
         *     * POST
         *     * PUT
         *     * PATCH
         *     * DELETE
         */
        "PSU-Http-Method": "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
        /**
         * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
         *     UUID identifies either a device or a device dependant application installation.
         *     In case of an installation identification this ID need to be unaltered until removal from device.
         * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
         */
        "PSU-Device-ID": string;
        /**
         * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
         * @example GEO:52.506931;13.144558
         */
        "PSU-Geo-Location": string;
        /**
         * @description ISO Country Codes for the countries to get ASPSPs for
         * @example SE,FI
         */
        isoCountryCodesQuery: components["schemas"]["isoCountryCodes"];
        /**
         * @description City IDs for the countries to get ASPSPs for
         * @example 37efa883-c8ad-4ff7-927b-b11b02beb923,ba9dd929-1408-33a6-3ce2-bc45fcfaaa5c
         */
        cityIdsQuery: components["schemas"]["cityIds"];
        /**
         * @description The ID of the city
         * @example 37efa883-c8ad-4ff7-927b-b11b02beb923
         */
        cityId: string;
        /**
         * @description ISO Country Code for the country
         * @example SE
         */
        isoCountryCode: string;
        /**
         * @description The BICFI of the ASPSP
         * @example OPBKSE21
         */
        bicFi: string;
    };
    requestBodies: {
        /**
         * @description JSON request body for a payment inition request message
         *
         *     There are the following payment-products supported:
         *       * "sepa-credit-transfers" with JSON-Body
         *       * "domestic" with JSON-Body
         *       * "international" with JSON-Body
         *       * "swedish-giro" with JSON-Body
         *
         *     There are the following payment-services supported:
         *       * "payments"
         *       * "periodic-payments"
         *       * "bulk-paments"
         *
         *     All optional, conditional and predefined but not yet used fields are defined.
         */
        paymentInitiation: {
            content: {
                "application/json": components["schemas"]["paymentInitiation_json"] | components["schemas"]["paymentInitiationSwedishGiro_json"] | components["schemas"]["periodicPaymentInitiation_json"] | components["schemas"]["bulkPaymentInitiation_json"];
                "application/xml": components["schemas"]["paymentInitiationSct_pain.001"] | components["schemas"]["paymentInitiationSctInst_pain.001"] | components["schemas"]["paymentInitiationTarget2_pain.001"] | components["schemas"]["paymentInitiationCrossBorder_pain.001"];
                "multipart/form-data": components["schemas"]["periodicPaymentInitiationMultipartBody"];
            };
        };
        /** @description Request body for a confirmation of an establishing signing basket request */
        signingBasket: {
            content: {
                "application/json": components["schemas"]["signingBasket"];
            };
        };
        /** @description Request body for a confirmation of funds request. */
        confirmationOfFunds: {
            content: {
                "application/json": components["schemas"]["confirmationOfFunds"];
            };
        };
        /** @description Requestbody for a consents request */
        consents: {
            content: {
                "application/json": components["schemas"]["consents"];
            };
        };
    };
    headers: {
        /**
         * @description ID of the request, unique to the call, as determined by the initiating party.
         * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
         */
        "X-Request-ID": string;
        /**
         * @description This data element must be contained, if the SCA Approach is already fixed.
         *     Possible values are
         *       * EMBEDDED
         *       * DECOUPLED
         *       * REDIRECT
         *     The OAuth SCA approach will be subsumed by REDIRECT.
         */
        "ASPSP-SCA-Approach": "EMBEDDED" | "DECOUPLED" | "REDIRECT";
        /** @description Location of the created resource. */
        Location: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    initiatePayment: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description The ID of an affiliated ASPSP as related to the X-BicFi header
                 * @example 8191
                 */
                "X-AffiliatedASPSP-ID"?: components["parameters"]["X-AffiliatedASPSP-ID"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description Client ID of the PSU in the ASPSP client interface. Might be mandated in the ASPSP's documentation.
                 *     Is not contained if an OAuth2 based authentication was performed in a pre-step or an OAuth2 based SCA was performed in an preceding
                 *     AIS service in the same session.
                 * @example PSU-1234
                 */
                "PSU-ID"?: components["parameters"]["PSU-ID"];
                /** @description Type of the PSU-ID, needed in scenarios where PSUs have several PSU-IDs as access possibility. */
                "PSU-ID-Type"?: components["parameters"]["PSU-ID-Type"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID"?: components["parameters"]["PSU-Corporate-ID"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID-Type"?: components["parameters"]["PSU-Corporate-ID-Type"];
                /**
                 * @description This data element may be contained, if the payment initiation transaction is part of a session, i.e. combined AIS/PIS service.
                 *     This then contains the consentId of the related AIS consent, which was performed prior to this payment initiation.
                 */
                "Consent-ID"?: components["parameters"]["consentId_HEADER_optional"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding http request IP Address field between PSU and TPP.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address": components["parameters"]["PSU-IP-Address_mandatory"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /**
                 * @description URI of the TPP, where the transaction flow shall be redirected to after a Redirect.
                 *
                 *     Mandated for the Redirect SCA Approach, specifically
                 *     when TPP-Redirect-Preferred equals "true".
                 *     It is recommended to always use this header field.
                 *
                 *     **Remark for Future:**
                 *     This field might be changed to mandatory in the next version of the specification.
                 */
                "TPP-Redirect-URI"?: components["parameters"]["TPP-Redirect-URI"];
                /**
                 * @description If this URI is contained, the TPP is asking to redirect the transaction flow to this address instead of the TPP-Redirect-URI in case
                 *     of a negative result of the redirect SCA method. This might be ignored by the ASPSP.
                 */
                "TPP-Nok-Redirect-URI"?: components["parameters"]["TPP-Nok-Redirect-URI"];
                /**
                 * @description If it equals "true", the TPP prefers to start the authorisation process separately,
                 *     e.g. because of the usage of a signing basket.
                 *     This preference might be ignored by the ASPSP, if a signing basket is not supported as functionality.
                 *
                 *     If it equals "false" or if the parameter is not used, there is no preference of the TPP.
                 *     This especially indicates that the TPP assumes a direct authorisation of the transaction in the next step,
                 *     without using a signing basket.
                 */
                "TPP-Explicit-Authorisation-Preferred"?: components["parameters"]["TPP-Explicit-Authorisation-Preferred"];
                /**
                 * @description If it equals "true" then the TPP prefers a rejection of the payment initiation in case the ASPSP is
                 *     providing an integrated confirmation of funds request an the result of this is that not sufficient
                 *     funds are available.
                 *
                 *     If it equals "false" then the TPP prefers that the ASPSP is dealing with the payment initiation like
                 *     in the ASPSPs online channel, potentially waiting for a certain time period for funds to arrive to initiate the payment.
                 *
                 *     This parameter might be ignored by the ASPSP.
                 */
                "TPP-Rejection-NoFunds-Preferred"?: components["parameters"]["TPP-Rejection-NoFunds-Preferred"];
                /**
                 * @description URI for the Endpoint of the TPP-API to which the status of the payment initiation should be sent.
                 *     This header field may by ignored by the ASPSP.
                 */
                "TPP-Notification-URI"?: components["parameters"]["TPP-Notification-URI"];
                /**
                 * @description The string has the form
                 *
                 *     status=X1, ..., Xn
                 *
                 *     where Xi is one of the constants SCA, PROCESS, LAST and where constants are not
                 *     repeated.
                 *     The usage of the constants supports the of following semantics:
                 *
                 *       SCA: A notification on every change of the scaStatus attribute for all related authorisation processes is preferred by the TPP.
                 *
                 *       PROCESS: A notification on all changes of consentStatus or transactionStatus attributes is preferred by the TPP.
                 *       LAST: Only a notification on the last consentStatus or transactionStatus as available in the XS2A interface is preferred by the TPP.
                 *
                 *     This header field may be ignored, if the ASPSP does not support resource notification services for the related TPP.
                 */
                "TPP-Notification-Content-Preferred"?: components["parameters"]["TPP-Notification-Content-Preferred"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description Payment service:
                 *
                 *     Possible values are:
                 *     * payments
                 *     * bulk-payments
                 *     * periodic-payments
                 */
                "payment-service": components["parameters"]["paymentService"];
                /**
                 * @description The addressed payment product endpoint, e.g. for SEPA Credit Transfers (SCT).
                 *
                 *     The following payment products are supported:
                 *       - sepa-credit-transfers
                 *       - domestic
                 *       - international
                 *       - swedish-giro
                 */
                "payment-product": components["parameters"]["paymentProduct"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["paymentInitiation"];
        responses: {
            201: components["responses"]["CREATED_201_PaymentInitiation"];
            400: components["responses"]["BAD_REQUEST_400_PIS"];
            401: components["responses"]["UNAUTHORIZED_401_PIS"];
            403: components["responses"]["FORBIDDEN_403_PIS"];
            404: components["responses"]["NOT_FOUND_404_PIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_PIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_PIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_PIS"];
            409: components["responses"]["CONFLICT_409_PIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_PIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_PIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_PIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_PIS"];
        };
    };
    getPaymentInformation: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding http request IP Address field between PSU and TPP.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_optional"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description Payment service:
                 *
                 *     Possible values are:
                 *     * payments
                 *     * bulk-payments
                 *     * periodic-payments
                 */
                "payment-service": components["parameters"]["paymentService"];
                /**
                 * @description The addressed payment product endpoint, e.g. for SEPA Credit Transfers (SCT).
                 *
                 *     The following payment products are supported:
                 *       - sepa-credit-transfers
                 *       - domestic
                 *       - international
                 *       - swedish-giro
                 */
                "payment-product": components["parameters"]["paymentProduct"];
                /** @description Resource identification of the generated payment initiation resource. */
                paymentId: components["parameters"]["paymentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_PaymentInitiationInformation"];
            400: components["responses"]["BAD_REQUEST_400_PIS"];
            401: components["responses"]["UNAUTHORIZED_401_PIS"];
            403: components["responses"]["FORBIDDEN_403_PIS"];
            404: components["responses"]["NOT_FOUND_404_PIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_PIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_PIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_PIS"];
            409: components["responses"]["CONFLICT_409_PIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_PIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_PIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_PIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_PIS"];
        };
    };
    cancelPayment: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding http request IP Address field between PSU and TPP.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_optional"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description Payment service:
                 *
                 *     Possible values are:
                 *     * payments
                 *     * bulk-payments
                 *     * periodic-payments
                 */
                "payment-service": components["parameters"]["paymentService"];
                /**
                 * @description The addressed payment product endpoint, e.g. for SEPA Credit Transfers (SCT).
                 *
                 *     The following payment products are supported:
                 *       - sepa-credit-transfers
                 *       - domestic
                 *       - international
                 *       - swedish-giro
                 */
                "payment-product": components["parameters"]["paymentProduct"];
                /** @description Resource identification of the generated payment initiation resource. */
                paymentId: components["parameters"]["paymentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: components["responses"]["RECEIVED_202_PaymentInitiationCancel"];
            204: components["responses"]["NO_CONTENT_204_PaymentInitiationCancel"];
            400: components["responses"]["BAD_REQUEST_400_PIS"];
            401: components["responses"]["UNAUTHORIZED_401_PIS"];
            403: components["responses"]["FORBIDDEN_403_PIS"];
            404: components["responses"]["NOT_FOUND_404_PIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_PIS_CANC"];
            406: components["responses"]["NOT_ACCEPTABLE_406_PIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_PIS"];
            409: components["responses"]["CONFLICT_409_PIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_PIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_PIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_PIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_PIS"];
        };
    };
    getPaymentInitiationStatus: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding http request IP Address field between PSU and TPP.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_optional"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description Payment service:
                 *
                 *     Possible values are:
                 *     * payments
                 *     * bulk-payments
                 *     * periodic-payments
                 */
                "payment-service": components["parameters"]["paymentService"];
                /**
                 * @description The addressed payment product endpoint, e.g. for SEPA Credit Transfers (SCT).
                 *
                 *     The following payment products are supported:
                 *       - sepa-credit-transfers
                 *       - domestic
                 *       - international
                 *       - swedish-giro
                 */
                "payment-product": components["parameters"]["paymentProduct"];
                /** @description Resource identification of the generated payment initiation resource. */
                paymentId: components["parameters"]["paymentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_PaymentInitiationStatus"];
            400: components["responses"]["BAD_REQUEST_400_PIS"];
            401: components["responses"]["UNAUTHORIZED_401_PIS"];
            403: components["responses"]["FORBIDDEN_403_PIS"];
            404: components["responses"]["NOT_FOUND_404_PIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_PIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_PIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_PIS"];
            409: components["responses"]["CONFLICT_409_PIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_PIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_PIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_PIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_PIS"];
        };
    };
    getPaymentInitiationAuthorisation: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding http request IP Address field between PSU and TPP.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_optional"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description Payment service:
                 *
                 *     Possible values are:
                 *     * payments
                 *     * bulk-payments
                 *     * periodic-payments
                 */
                "payment-service": components["parameters"]["paymentService"];
                /**
                 * @description The addressed payment product endpoint, e.g. for SEPA Credit Transfers (SCT).
                 *
                 *     The following payment products are supported:
                 *       - sepa-credit-transfers
                 *       - domestic
                 *       - international
                 *       - swedish-giro
                 */
                "payment-product": components["parameters"]["paymentProduct"];
                /** @description Resource identification of the generated payment initiation resource. */
                paymentId: components["parameters"]["paymentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_Authorisations"];
            400: components["responses"]["BAD_REQUEST_400_PIS"];
            401: components["responses"]["UNAUTHORIZED_401_PIS"];
            403: components["responses"]["FORBIDDEN_403_PIS"];
            404: components["responses"]["NOT_FOUND_404_PIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_PIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_PIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_PIS"];
            409: components["responses"]["CONFLICT_409_PIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_PIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_PIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_PIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_PIS"];
        };
    };
    startPaymentAuthorisation: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Client ID of the PSU in the ASPSP client interface. Might be mandated in the ASPSP's documentation.
                 *     Is not contained if an OAuth2 based authentication was performed in a pre-step or an OAuth2 based SCA was performed in an preceding
                 *     AIS service in the same session.
                 * @example PSU-1234
                 */
                "PSU-ID"?: components["parameters"]["PSU-ID"];
                /** @description Type of the PSU-ID, needed in scenarios where PSUs have several PSU-IDs as access possibility. */
                "PSU-ID-Type"?: components["parameters"]["PSU-ID-Type"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID"?: components["parameters"]["PSU-Corporate-ID"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID-Type"?: components["parameters"]["PSU-Corporate-ID-Type"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /**
                 * @description URI of the TPP, where the transaction flow shall be redirected to after a Redirect.
                 *
                 *     Mandated for the Redirect SCA Approach, specifically
                 *     when TPP-Redirect-Preferred equals "true".
                 *     It is recommended to always use this header field.
                 *
                 *     **Remark for Future:**
                 *     This field might be changed to mandatory in the next version of the specification.
                 */
                "TPP-Redirect-URI"?: components["parameters"]["TPP-Redirect-URI"];
                /**
                 * @description If this URI is contained, the TPP is asking to redirect the transaction flow to this address instead of the TPP-Redirect-URI in case
                 *     of a negative result of the redirect SCA method. This might be ignored by the ASPSP.
                 */
                "TPP-Nok-Redirect-URI"?: components["parameters"]["TPP-Nok-Redirect-URI"];
                /**
                 * @description URI for the Endpoint of the TPP-API to which the status of the payment initiation should be sent.
                 *     This header field may by ignored by the ASPSP.
                 */
                "TPP-Notification-URI"?: components["parameters"]["TPP-Notification-URI"];
                /**
                 * @description The string has the form
                 *
                 *     status=X1, ..., Xn
                 *
                 *     where Xi is one of the constants SCA, PROCESS, LAST and where constants are not
                 *     repeated.
                 *     The usage of the constants supports the of following semantics:
                 *
                 *       SCA: A notification on every change of the scaStatus attribute for all related authorisation processes is preferred by the TPP.
                 *
                 *       PROCESS: A notification on all changes of consentStatus or transactionStatus attributes is preferred by the TPP.
                 *       LAST: Only a notification on the last consentStatus or transactionStatus as available in the XS2A interface is preferred by the TPP.
                 *
                 *     This header field may be ignored, if the ASPSP does not support resource notification services for the related TPP.
                 */
                "TPP-Notification-Content-Preferred"?: components["parameters"]["TPP-Notification-Content-Preferred"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding http request IP Address field between PSU and TPP.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_optional"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description Payment service:
                 *
                 *     Possible values are:
                 *     * payments
                 *     * bulk-payments
                 *     * periodic-payments
                 */
                "payment-service": components["parameters"]["paymentService"];
                /**
                 * @description The addressed payment product endpoint, e.g. for SEPA Credit Transfers (SCT).
                 *
                 *     The following payment products are supported:
                 *       - sepa-credit-transfers
                 *       - domestic
                 *       - international
                 *       - swedish-giro
                 */
                "payment-product": components["parameters"]["paymentProduct"];
                /** @description Resource identification of the generated payment initiation resource. */
                paymentId: components["parameters"]["paymentId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown | components["schemas"]["updatePsuAuthentication"] | components["schemas"]["selectPsuAuthenticationMethod"] | components["schemas"]["transactionAuthorisation"];
            };
        };
        responses: {
            201: components["responses"]["CREATED_201_StartScaProcess"];
            400: components["responses"]["BAD_REQUEST_400_PIS"];
            401: components["responses"]["UNAUTHORIZED_401_PIS"];
            403: components["responses"]["FORBIDDEN_403_PIS"];
            404: components["responses"]["NOT_FOUND_404_PIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_PIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_PIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_PIS"];
            409: components["responses"]["CONFLICT_409_PIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_PIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_PIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_PIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_PIS"];
        };
    };
    getPaymentInitiationScaStatus: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding http request IP Address field between PSU and TPP.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_optional"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description Payment service:
                 *
                 *     Possible values are:
                 *     * payments
                 *     * bulk-payments
                 *     * periodic-payments
                 */
                "payment-service": components["parameters"]["paymentService"];
                /**
                 * @description The addressed payment product endpoint, e.g. for SEPA Credit Transfers (SCT).
                 *
                 *     The following payment products are supported:
                 *       - sepa-credit-transfers
                 *       - domestic
                 *       - international
                 *       - swedish-giro
                 */
                "payment-product": components["parameters"]["paymentProduct"];
                /** @description Resource identification of the generated payment initiation resource. */
                paymentId: components["parameters"]["paymentId"];
                /** @description Resource identification of the related SCA. */
                authorisationId: components["parameters"]["authorisationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_ScaStatus"];
            400: components["responses"]["BAD_REQUEST_400_PIS"];
            401: components["responses"]["UNAUTHORIZED_401_PIS"];
            403: components["responses"]["FORBIDDEN_403_PIS"];
            404: components["responses"]["NOT_FOUND_404_PIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_PIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_PIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_PIS"];
            409: components["responses"]["CONFLICT_409_PIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_PIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_PIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_PIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_PIS"];
        };
    };
    updatePaymentPsuData: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description Client ID of the PSU in the ASPSP client interface. Might be mandated in the ASPSP's documentation.
                 *     Is not contained if an OAuth2 based authentication was performed in a pre-step or an OAuth2 based SCA was performed in an preceding
                 *     AIS service in the same session.
                 * @example PSU-1234
                 */
                "PSU-ID"?: components["parameters"]["PSU-ID"];
                /** @description Type of the PSU-ID, needed in scenarios where PSUs have several PSU-IDs as access possibility. */
                "PSU-ID-Type"?: components["parameters"]["PSU-ID-Type"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID"?: components["parameters"]["PSU-Corporate-ID"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID-Type"?: components["parameters"]["PSU-Corporate-ID-Type"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding http request IP Address field between PSU and TPP.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_optional"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description Payment service:
                 *
                 *     Possible values are:
                 *     * payments
                 *     * bulk-payments
                 *     * periodic-payments
                 */
                "payment-service": components["parameters"]["paymentService"];
                /**
                 * @description The addressed payment product endpoint, e.g. for SEPA Credit Transfers (SCT).
                 *
                 *     The following payment products are supported:
                 *       - sepa-credit-transfers
                 *       - domestic
                 *       - international
                 *       - swedish-giro
                 */
                "payment-product": components["parameters"]["paymentProduct"];
                /** @description Resource identification of the generated payment initiation resource. */
                paymentId: components["parameters"]["paymentId"];
                /** @description Resource identification of the related SCA. */
                authorisationId: components["parameters"]["authorisationId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown | components["schemas"]["updatePsuAuthentication"] | components["schemas"]["selectPsuAuthenticationMethod"] | components["schemas"]["transactionAuthorisation"];
            };
        };
        responses: {
            200: components["responses"]["OK_200_UpdatePsuData"];
            400: components["responses"]["BAD_REQUEST_400_PIS"];
            401: components["responses"]["UNAUTHORIZED_401_PIS"];
            403: components["responses"]["FORBIDDEN_403_PIS"];
            404: components["responses"]["NOT_FOUND_404_PIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_PIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_PIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_PIS"];
            409: components["responses"]["CONFLICT_409_PIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_PIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_PIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_PIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_PIS"];
        };
    };
    getPaymentInitiationCancellationAuthorisationInformation: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding http request IP Address field between PSU and TPP.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_optional"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description Payment service:
                 *
                 *     Possible values are:
                 *     * payments
                 *     * bulk-payments
                 *     * periodic-payments
                 */
                "payment-service": components["parameters"]["paymentService"];
                /**
                 * @description The addressed payment product endpoint, e.g. for SEPA Credit Transfers (SCT).
                 *
                 *     The following payment products are supported:
                 *       - sepa-credit-transfers
                 *       - domestic
                 *       - international
                 *       - swedish-giro
                 */
                "payment-product": components["parameters"]["paymentProduct"];
                /** @description Resource identification of the generated payment initiation resource. */
                paymentId: components["parameters"]["paymentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_CancellationList"];
            400: components["responses"]["BAD_REQUEST_400_PIS"];
            401: components["responses"]["UNAUTHORIZED_401_PIS"];
            403: components["responses"]["FORBIDDEN_403_PIS"];
            404: components["responses"]["NOT_FOUND_404_PIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_PIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_PIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_PIS"];
            409: components["responses"]["CONFLICT_409_PIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_PIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_PIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_PIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_PIS"];
        };
    };
    startPaymentInitiationCancellationAuthorisation: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description Client ID of the PSU in the ASPSP client interface. Might be mandated in the ASPSP's documentation.
                 *     Is not contained if an OAuth2 based authentication was performed in a pre-step or an OAuth2 based SCA was performed in an preceding
                 *     AIS service in the same session.
                 * @example PSU-1234
                 */
                "PSU-ID"?: components["parameters"]["PSU-ID"];
                /** @description Type of the PSU-ID, needed in scenarios where PSUs have several PSU-IDs as access possibility. */
                "PSU-ID-Type"?: components["parameters"]["PSU-ID-Type"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID"?: components["parameters"]["PSU-Corporate-ID"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID-Type"?: components["parameters"]["PSU-Corporate-ID-Type"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /**
                 * @description URI of the TPP, where the transaction flow shall be redirected to after a Redirect.
                 *
                 *     Mandated for the Redirect SCA Approach, specifically
                 *     when TPP-Redirect-Preferred equals "true".
                 *     It is recommended to always use this header field.
                 *
                 *     **Remark for Future:**
                 *     This field might be changed to mandatory in the next version of the specification.
                 */
                "TPP-Redirect-URI"?: components["parameters"]["TPP-Redirect-URI"];
                /**
                 * @description If this URI is contained, the TPP is asking to redirect the transaction flow to this address instead of the TPP-Redirect-URI in case
                 *     of a negative result of the redirect SCA method. This might be ignored by the ASPSP.
                 */
                "TPP-Nok-Redirect-URI"?: components["parameters"]["TPP-Nok-Redirect-URI"];
                /**
                 * @description URI for the Endpoint of the TPP-API to which the status of the payment initiation should be sent.
                 *     This header field may by ignored by the ASPSP.
                 */
                "TPP-Notification-URI"?: components["parameters"]["TPP-Notification-URI"];
                /**
                 * @description The string has the form
                 *
                 *     status=X1, ..., Xn
                 *
                 *     where Xi is one of the constants SCA, PROCESS, LAST and where constants are not
                 *     repeated.
                 *     The usage of the constants supports the of following semantics:
                 *
                 *       SCA: A notification on every change of the scaStatus attribute for all related authorisation processes is preferred by the TPP.
                 *
                 *       PROCESS: A notification on all changes of consentStatus or transactionStatus attributes is preferred by the TPP.
                 *       LAST: Only a notification on the last consentStatus or transactionStatus as available in the XS2A interface is preferred by the TPP.
                 *
                 *     This header field may be ignored, if the ASPSP does not support resource notification services for the related TPP.
                 */
                "TPP-Notification-Content-Preferred"?: components["parameters"]["TPP-Notification-Content-Preferred"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding http request IP Address field between PSU and TPP.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_optional"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description Payment service:
                 *
                 *     Possible values are:
                 *     * payments
                 *     * bulk-payments
                 *     * periodic-payments
                 */
                "payment-service": components["parameters"]["paymentService"];
                /**
                 * @description The addressed payment product endpoint, e.g. for SEPA Credit Transfers (SCT).
                 *
                 *     The following payment products are supported:
                 *       - sepa-credit-transfers
                 *       - domestic
                 *       - international
                 *       - swedish-giro
                 */
                "payment-product": components["parameters"]["paymentProduct"];
                /** @description Resource identification of the generated payment initiation resource. */
                paymentId: components["parameters"]["paymentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: components["responses"]["CREATED_201_StartScaProcess"];
            400: components["responses"]["BAD_REQUEST_400_PIS"];
            401: components["responses"]["UNAUTHORIZED_401_PIS"];
            403: components["responses"]["FORBIDDEN_403_PIS"];
            404: components["responses"]["NOT_FOUND_404_PIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_PIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_PIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_PIS"];
            409: components["responses"]["CONFLICT_409_PIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_PIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_PIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_PIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_PIS"];
        };
    };
    getPaymentCancellationScaStatus: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding http request IP Address field between PSU and TPP.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_optional"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description Payment service:
                 *
                 *     Possible values are:
                 *     * payments
                 *     * bulk-payments
                 *     * periodic-payments
                 */
                "payment-service": components["parameters"]["paymentService"];
                /**
                 * @description The addressed payment product endpoint, e.g. for SEPA Credit Transfers (SCT).
                 *
                 *     The following payment products are supported:
                 *       - sepa-credit-transfers
                 *       - domestic
                 *       - international
                 *       - swedish-giro
                 */
                "payment-product": components["parameters"]["paymentProduct"];
                /** @description Resource identification of the generated payment initiation resource. */
                paymentId: components["parameters"]["paymentId"];
                /** @description Identification for cancellation resource. */
                cancellationId: components["parameters"]["cancellationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_ScaStatus"];
            400: components["responses"]["BAD_REQUEST_400_PIS"];
            401: components["responses"]["UNAUTHORIZED_401_PIS"];
            403: components["responses"]["FORBIDDEN_403_PIS"];
            404: components["responses"]["NOT_FOUND_404_PIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_PIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_PIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_PIS"];
            409: components["responses"]["CONFLICT_409_PIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_PIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_PIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_PIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_PIS"];
        };
    };
    updatePaymentCancellationPsuData: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description Client ID of the PSU in the ASPSP client interface. Might be mandated in the ASPSP's documentation.
                 *     Is not contained if an OAuth2 based authentication was performed in a pre-step or an OAuth2 based SCA was performed in an preceding
                 *     AIS service in the same session.
                 * @example PSU-1234
                 */
                "PSU-ID"?: components["parameters"]["PSU-ID"];
                /** @description Type of the PSU-ID, needed in scenarios where PSUs have several PSU-IDs as access possibility. */
                "PSU-ID-Type"?: components["parameters"]["PSU-ID-Type"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID"?: components["parameters"]["PSU-Corporate-ID"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID-Type"?: components["parameters"]["PSU-Corporate-ID-Type"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding http request IP Address field between PSU and TPP.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_optional"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description Payment service:
                 *
                 *     Possible values are:
                 *     * payments
                 *     * bulk-payments
                 *     * periodic-payments
                 */
                "payment-service": components["parameters"]["paymentService"];
                /**
                 * @description The addressed payment product endpoint, e.g. for SEPA Credit Transfers (SCT).
                 *
                 *     The following payment products are supported:
                 *       - sepa-credit-transfers
                 *       - domestic
                 *       - international
                 *       - swedish-giro
                 */
                "payment-product": components["parameters"]["paymentProduct"];
                /** @description Resource identification of the generated payment initiation resource. */
                paymentId: components["parameters"]["paymentId"];
                /** @description Identification for cancellation resource. */
                cancellationId: components["parameters"]["cancellationId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown | components["schemas"]["updatePsuAuthentication"] | components["schemas"]["selectPsuAuthenticationMethod"] | components["schemas"]["transactionAuthorisation"];
            };
        };
        responses: {
            200: components["responses"]["OK_200_UpdatePsuData"];
            400: components["responses"]["BAD_REQUEST_400_PIS"];
            401: components["responses"]["UNAUTHORIZED_401_PIS"];
            403: components["responses"]["FORBIDDEN_403_PIS"];
            404: components["responses"]["NOT_FOUND_404_PIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_PIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_PIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_PIS"];
            409: components["responses"]["CONFLICT_409_PIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_PIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_PIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_PIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_PIS"];
        };
    };
    getAccountList: {
        parameters: {
            query?: {
                /**
                 * @description If contained, this function reads the list of accessible payment accounts including the booking balance,
                 *     if granted by the PSU in the related consent and available by the ASPSP.
                 *     This parameter might be ignored by the ASPSP.
                 */
                withBalance?: components["parameters"]["withBalanceQuery"];
            };
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /** @description This then contains the consentId of the related AIS consent, which was performed prior to this payment initiation. */
                "Consent-ID": components["parameters"]["consentId_HEADER_mandatory"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding HTTP request
                 *     IP Address field between PSU and TPP.
                 *     It shall be contained if and only if this request was actively initiated by the PSU.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_conditionalForAis"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_AccountList"];
            400: components["responses"]["BAD_REQUEST_400_AIS"];
            401: components["responses"]["UNAUTHORIZED_401_AIS"];
            403: components["responses"]["FORBIDDEN_403_AIS"];
            404: components["responses"]["NOT_FOUND_404_AIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_AIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_AIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_AIS"];
            409: components["responses"]["CONFLICT_409_AIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_AIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_AIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_AIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_AIS"];
        };
    };
    readAccountDetails: {
        parameters: {
            query?: {
                /**
                 * @description If contained, this function reads the list of accessible payment accounts including the booking balance,
                 *     if granted by the PSU in the related consent and available by the ASPSP.
                 *     This parameter might be ignored by the ASPSP.
                 */
                withBalance?: components["parameters"]["withBalanceQuery"];
            };
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /** @description This then contains the consentId of the related AIS consent, which was performed prior to this payment initiation. */
                "Consent-ID": components["parameters"]["consentId_HEADER_mandatory"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding HTTP request
                 *     IP Address field between PSU and TPP.
                 *     It shall be contained if and only if this request was actively initiated by the PSU.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_conditionalForAis"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description This identification is denoting the addressed account.
                 *     The account-id is retrieved by using a "Read Account List" call.
                 *     The account-id is the "id" attribute of the account structure.
                 *     Its value is constant at least throughout the lifecycle of a given consent.
                 */
                "account-id": components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_AccountDetails"];
            400: components["responses"]["BAD_REQUEST_400_AIS"];
            401: components["responses"]["UNAUTHORIZED_401_AIS"];
            403: components["responses"]["FORBIDDEN_403_AIS"];
            404: components["responses"]["NOT_FOUND_404_AIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_AIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_AIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_AIS"];
            409: components["responses"]["CONFLICT_409_AIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_AIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_AIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_AIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_AIS"];
        };
    };
    getBalances: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /** @description This then contains the consentId of the related AIS consent, which was performed prior to this payment initiation. */
                "Consent-ID": components["parameters"]["consentId_HEADER_mandatory"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding HTTP request
                 *     IP Address field between PSU and TPP.
                 *     It shall be contained if and only if this request was actively initiated by the PSU.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_conditionalForAis"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description This identification is denoting the addressed account.
                 *     The account-id is retrieved by using a "Read Account List" call.
                 *     The account-id is the "id" attribute of the account structure.
                 *     Its value is constant at least throughout the lifecycle of a given consent.
                 */
                "account-id": components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_Balances"];
            400: components["responses"]["BAD_REQUEST_400_AIS"];
            401: components["responses"]["UNAUTHORIZED_401_AIS"];
            403: components["responses"]["FORBIDDEN_403_AIS"];
            404: components["responses"]["NOT_FOUND_404_AIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_AIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_AIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_AIS"];
            409: components["responses"]["CONFLICT_409_AIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_AIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_AIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_AIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_AIS"];
        };
    };
    getTransactionList: {
        parameters: {
            query: {
                /**
                 * @description Conditional: Starting date (inclusive the date dateFrom) of the transaction list, mandated if no delta access is required.
                 *
                 *     For booked transactions, the relevant date is the booking date.
                 *
                 *     For pending transactions, the relevant date is the entry date, which may not be transparent
                 *     neither in this API nor other channels of the ASPSP.
                 */
                dateFrom?: components["parameters"]["dateFrom"];
                /**
                 * @description End date (inclusive the data dateTo) of the transaction list, default is "now" if not given.
                 *
                 *     Might be ignored if a delta function is used.
                 *
                 *     For booked transactions, the relevant date is the booking date.
                 *
                 *     For pending transactions, the relevant date is the entry date, which may not be transparent
                 *     neither in this API nor other channels of the ASPSP.
                 */
                dateTo?: components["parameters"]["dateTo"];
                /**
                 * @description This data attribute is indicating that the AISP is in favour to get all transactions after
                 *     the transaction with identification entryReferenceFrom alternatively to the above defined period.
                 *     This is a implementation of a delta access.
                 *     If this data element is contained, the entries "dateFrom" and "dateTo" might be ignored by the ASPSP
                 *     if a delta report is supported.
                 *
                 *     Optional if supported by API provider.
                 */
                entryReferenceFrom?: components["parameters"]["entryReferenceFrom"];
                /**
                 * @description Permitted codes are
                 *       * "booked",
                 *       * "pending" and
                 *       * "both"
                 *     "booked" shall be supported by the ASPSP.
                 *     To support the "pending" and "both" feature is optional for the ASPSP,
                 *     Error code if not supported in the online banking frontend
                 */
                bookingStatus: components["parameters"]["bookingStatus"];
                /**
                 * @description This data attribute is indicating that the AISP is in favour to get all transactions after the last report access for this PSU on the addressed account. This is another implementation of a delta access-report.
                 *     This delta indicator might be rejected by the ASPSP if this function is not supported.
                 *     Optional if supported by API provider
                 */
                deltaList?: components["parameters"]["deltaList"];
                /**
                 * @description If contained, this function reads the list of accessible payment accounts including the booking balance,
                 *     if granted by the PSU in the related consent and available by the ASPSP.
                 *     This parameter might be ignored by the ASPSP.
                 */
                withBalance?: components["parameters"]["withBalanceQuery"];
            };
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /** @description This then contains the consentId of the related AIS consent, which was performed prior to this payment initiation. */
                "Consent-ID": components["parameters"]["consentId_HEADER_mandatory"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding HTTP request
                 *     IP Address field between PSU and TPP.
                 *     It shall be contained if and only if this request was actively initiated by the PSU.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_conditionalForAis"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description This identification is denoting the addressed account.
                 *     The account-id is retrieved by using a "Read Account List" call.
                 *     The account-id is the "id" attribute of the account structure.
                 *     Its value is constant at least throughout the lifecycle of a given consent.
                 */
                "account-id": components["parameters"]["accountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_AccountsTransactions"];
            400: components["responses"]["BAD_REQUEST_400_AIS"];
            401: components["responses"]["UNAUTHORIZED_401_AIS"];
            403: components["responses"]["FORBIDDEN_403_AIS"];
            404: components["responses"]["NOT_FOUND_404_AIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_AIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_AIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_AIS"];
            409: components["responses"]["CONFLICT_409_AIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_AIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_AIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_AIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_AIS"];
        };
    };
    getTransactionDetails: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /** @description This then contains the consentId of the related AIS consent, which was performed prior to this payment initiation. */
                "Consent-ID": components["parameters"]["consentId_HEADER_mandatory"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding HTTP request
                 *     IP Address field between PSU and TPP.
                 *     It shall be contained if and only if this request was actively initiated by the PSU.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_conditionalForAis"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /**
                 * @description This identification is denoting the addressed account.
                 *     The account-id is retrieved by using a "Read Account List" call.
                 *     The account-id is the "id" attribute of the account structure.
                 *     Its value is constant at least throughout the lifecycle of a given consent.
                 */
                "account-id": components["parameters"]["accountId"];
                /** @description This identification is given by the attribute transactionId of the corresponding entry of a transaction list. */
                transactionId: components["parameters"]["transactionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_TransactionDetails"];
            400: components["responses"]["BAD_REQUEST_400_AIS"];
            401: components["responses"]["UNAUTHORIZED_401_AIS"];
            403: components["responses"]["FORBIDDEN_403_AIS"];
            404: components["responses"]["NOT_FOUND_404_AIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_AIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_AIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_AIS"];
            409: components["responses"]["CONFLICT_409_AIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_AIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_AIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_AIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_AIS"];
        };
    };
    createConsent: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description The ID of an affiliated ASPSP as related to the X-BicFi header
                 * @example 8191
                 */
                "X-AffiliatedASPSP-ID"?: components["parameters"]["X-AffiliatedASPSP-ID"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description Client ID of the PSU in the ASPSP client interface. Might be mandated in the ASPSP's documentation.
                 *     Is not contained if an OAuth2 based authentication was performed in a pre-step or an OAuth2 based SCA was performed in an preceding
                 *     AIS service in the same session.
                 * @example PSU-1234
                 */
                "PSU-ID"?: components["parameters"]["PSU-ID"];
                /** @description Type of the PSU-ID, needed in scenarios where PSUs have several PSU-IDs as access possibility. */
                "PSU-ID-Type"?: components["parameters"]["PSU-ID-Type"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID"?: components["parameters"]["PSU-Corporate-ID"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID-Type"?: components["parameters"]["PSU-Corporate-ID-Type"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /**
                 * @description URI of the TPP, where the transaction flow shall be redirected to after a Redirect.
                 *
                 *     Mandated for the Redirect SCA Approach, specifically
                 *     when TPP-Redirect-Preferred equals "true".
                 *     It is recommended to always use this header field.
                 *
                 *     **Remark for Future:**
                 *     This field might be changed to mandatory in the next version of the specification.
                 */
                "TPP-Redirect-URI"?: components["parameters"]["TPP-Redirect-URI"];
                /**
                 * @description If this URI is contained, the TPP is asking to redirect the transaction flow to this address instead of the TPP-Redirect-URI in case
                 *     of a negative result of the redirect SCA method. This might be ignored by the ASPSP.
                 */
                "TPP-Nok-Redirect-URI"?: components["parameters"]["TPP-Nok-Redirect-URI"];
                /**
                 * @description If it equals "true", the TPP prefers to start the authorisation process separately,
                 *     e.g. because of the usage of a signing basket.
                 *     This preference might be ignored by the ASPSP, if a signing basket is not supported as functionality.
                 *
                 *     If it equals "false" or if the parameter is not used, there is no preference of the TPP.
                 *     This especially indicates that the TPP assumes a direct authorisation of the transaction in the next step,
                 *     without using a signing basket.
                 */
                "TPP-Explicit-Authorisation-Preferred"?: components["parameters"]["TPP-Explicit-Authorisation-Preferred"];
                /**
                 * @description URI for the Endpoint of the TPP-API to which the status of the payment initiation should be sent.
                 *     This header field may by ignored by the ASPSP.
                 */
                "TPP-Notification-URI"?: components["parameters"]["TPP-Notification-URI"];
                /**
                 * @description The string has the form
                 *
                 *     status=X1, ..., Xn
                 *
                 *     where Xi is one of the constants SCA, PROCESS, LAST and where constants are not
                 *     repeated.
                 *     The usage of the constants supports the of following semantics:
                 *
                 *       SCA: A notification on every change of the scaStatus attribute for all related authorisation processes is preferred by the TPP.
                 *
                 *       PROCESS: A notification on all changes of consentStatus or transactionStatus attributes is preferred by the TPP.
                 *       LAST: Only a notification on the last consentStatus or transactionStatus as available in the XS2A interface is preferred by the TPP.
                 *
                 *     This header field may be ignored, if the ASPSP does not support resource notification services for the related TPP.
                 */
                "TPP-Notification-Content-Preferred"?: components["parameters"]["TPP-Notification-Content-Preferred"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding HTTP request
                 *     IP Address field between PSU and TPP.
                 *     It shall be contained if and only if this request was actively initiated by the PSU.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_conditionalForAis"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: components["requestBodies"]["consents"];
        responses: {
            201: components["responses"]["CREATED_201_Consents"];
            400: components["responses"]["BAD_REQUEST_400_AIS"];
            401: components["responses"]["UNAUTHORIZED_401_AIS"];
            403: components["responses"]["FORBIDDEN_403_AIS"];
            404: components["responses"]["NOT_FOUND_404_AIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_AIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_AIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_AIS"];
            409: components["responses"]["CONFLICT_409_AIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_AIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_AIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_AIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_AIS"];
        };
    };
    getConsentInformation: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding HTTP request
                 *     IP Address field between PSU and TPP.
                 *     It shall be contained if and only if this request was actively initiated by the PSU.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_conditionalForAis"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /** @description ID of the corresponding consent object as returned by an Account Information Consent Request. */
                consentId: components["parameters"]["consentId_PATH"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_ConsentInformation"];
            400: components["responses"]["BAD_REQUEST_400_AIS"];
            401: components["responses"]["UNAUTHORIZED_401_AIS"];
            403: components["responses"]["FORBIDDEN_403_AIS"];
            404: components["responses"]["NOT_FOUND_404_AIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_AIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_AIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_AIS"];
            409: components["responses"]["CONFLICT_409_AIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_AIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_AIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_AIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_AIS"];
        };
    };
    deleteConsent: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding HTTP request
                 *     IP Address field between PSU and TPP.
                 *     It shall be contained if and only if this request was actively initiated by the PSU.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_conditionalForAis"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /** @description ID of the corresponding consent object as returned by an Account Information Consent Request. */
                consentId: components["parameters"]["consentId_PATH"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: components["responses"]["NO_CONTENT_204_Consents"];
            400: components["responses"]["BAD_REQUEST_400_AIS"];
            401: components["responses"]["UNAUTHORIZED_401_AIS"];
            403: components["responses"]["FORBIDDEN_403_AIS"];
            404: components["responses"]["NOT_FOUND_404_AIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_AIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_AIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_AIS"];
            409: components["responses"]["CONFLICT_409_AIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_AIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_AIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_AIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_AIS"];
        };
    };
    getConsentStatus: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding HTTP request
                 *     IP Address field between PSU and TPP.
                 *     It shall be contained if and only if this request was actively initiated by the PSU.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_conditionalForAis"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /** @description ID of the corresponding consent object as returned by an Account Information Consent Request. */
                consentId: components["parameters"]["consentId_PATH"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_ConsentStatus"];
            400: components["responses"]["BAD_REQUEST_400_AIS"];
            401: components["responses"]["UNAUTHORIZED_401_AIS"];
            403: components["responses"]["FORBIDDEN_403_AIS"];
            404: components["responses"]["NOT_FOUND_404_AIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_AIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_AIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_AIS"];
            409: components["responses"]["CONFLICT_409_AIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_AIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_AIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_AIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_AIS"];
        };
    };
    getConsentAuthorisation: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding HTTP request
                 *     IP Address field between PSU and TPP.
                 *     It shall be contained if and only if this request was actively initiated by the PSU.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_conditionalForAis"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /** @description ID of the corresponding consent object as returned by an Account Information Consent Request. */
                consentId: components["parameters"]["consentId_PATH"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_Authorisations"];
            400: components["responses"]["BAD_REQUEST_400_AIS"];
            401: components["responses"]["UNAUTHORIZED_401_AIS"];
            403: components["responses"]["FORBIDDEN_403_AIS"];
            404: components["responses"]["NOT_FOUND_404_AIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_AIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_AIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_AIS"];
            409: components["responses"]["CONFLICT_409_AIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_AIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_AIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_AIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_AIS"];
        };
    };
    startConsentAuthorisation: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description Client ID of the PSU in the ASPSP client interface. Might be mandated in the ASPSP's documentation.
                 *     Is not contained if an OAuth2 based authentication was performed in a pre-step or an OAuth2 based SCA was performed in an preceding
                 *     AIS service in the same session.
                 * @example PSU-1234
                 */
                "PSU-ID"?: components["parameters"]["PSU-ID"];
                /** @description Type of the PSU-ID, needed in scenarios where PSUs have several PSU-IDs as access possibility. */
                "PSU-ID-Type"?: components["parameters"]["PSU-ID-Type"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID"?: components["parameters"]["PSU-Corporate-ID"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID-Type"?: components["parameters"]["PSU-Corporate-ID-Type"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /**
                 * @description URI of the TPP, where the transaction flow shall be redirected to after a Redirect.
                 *
                 *     Mandated for the Redirect SCA Approach, specifically
                 *     when TPP-Redirect-Preferred equals "true".
                 *     It is recommended to always use this header field.
                 *
                 *     **Remark for Future:**
                 *     This field might be changed to mandatory in the next version of the specification.
                 */
                "TPP-Redirect-URI"?: components["parameters"]["TPP-Redirect-URI"];
                /**
                 * @description If this URI is contained, the TPP is asking to redirect the transaction flow to this address instead of the TPP-Redirect-URI in case
                 *     of a negative result of the redirect SCA method. This might be ignored by the ASPSP.
                 */
                "TPP-Nok-Redirect-URI"?: components["parameters"]["TPP-Nok-Redirect-URI"];
                /**
                 * @description URI for the Endpoint of the TPP-API to which the status of the payment initiation should be sent.
                 *     This header field may by ignored by the ASPSP.
                 */
                "TPP-Notification-URI"?: components["parameters"]["TPP-Notification-URI"];
                /**
                 * @description The string has the form
                 *
                 *     status=X1, ..., Xn
                 *
                 *     where Xi is one of the constants SCA, PROCESS, LAST and where constants are not
                 *     repeated.
                 *     The usage of the constants supports the of following semantics:
                 *
                 *       SCA: A notification on every change of the scaStatus attribute for all related authorisation processes is preferred by the TPP.
                 *
                 *       PROCESS: A notification on all changes of consentStatus or transactionStatus attributes is preferred by the TPP.
                 *       LAST: Only a notification on the last consentStatus or transactionStatus as available in the XS2A interface is preferred by the TPP.
                 *
                 *     This header field may be ignored, if the ASPSP does not support resource notification services for the related TPP.
                 */
                "TPP-Notification-Content-Preferred"?: components["parameters"]["TPP-Notification-Content-Preferred"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding HTTP request
                 *     IP Address field between PSU and TPP.
                 *     It shall be contained if and only if this request was actively initiated by the PSU.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_conditionalForAis"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /** @description ID of the corresponding consent object as returned by an Account Information Consent Request. */
                consentId: components["parameters"]["consentId_PATH"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown | components["schemas"]["updatePsuAuthentication"] | components["schemas"]["selectPsuAuthenticationMethod"] | components["schemas"]["transactionAuthorisation"];
            };
        };
        responses: {
            201: components["responses"]["CREATED_201_StartScaProcess"];
            400: components["responses"]["BAD_REQUEST_400_AIS"];
            401: components["responses"]["UNAUTHORIZED_401_AIS"];
            403: components["responses"]["FORBIDDEN_403_AIS"];
            404: components["responses"]["NOT_FOUND_404_AIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_AIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_AIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_AIS"];
            409: components["responses"]["CONFLICT_409_AIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_AIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_AIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_AIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_AIS"];
        };
    };
    getConsentScaStatus: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding HTTP request
                 *     IP Address field between PSU and TPP.
                 *     It shall be contained if and only if this request was actively initiated by the PSU.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_conditionalForAis"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /** @description ID of the corresponding consent object as returned by an Account Information Consent Request. */
                consentId: components["parameters"]["consentId_PATH"];
                /** @description Resource identification of the related SCA. */
                authorisationId: components["parameters"]["authorisationId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_ScaStatus"];
            400: components["responses"]["BAD_REQUEST_400_AIS"];
            401: components["responses"]["UNAUTHORIZED_401_AIS"];
            403: components["responses"]["FORBIDDEN_403_AIS"];
            404: components["responses"]["NOT_FOUND_404_AIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_AIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_AIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_AIS"];
            409: components["responses"]["CONFLICT_409_AIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_AIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_AIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_AIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_AIS"];
        };
    };
    updateConsentsPsuData: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /** @description BICFI */
                "X-BicFi": components["parameters"]["X-BicFi"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
                /**
                 * @description Client ID of the PSU in the ASPSP client interface. Might be mandated in the ASPSP's documentation.
                 *     Is not contained if an OAuth2 based authentication was performed in a pre-step or an OAuth2 based SCA was performed in an preceding
                 *     AIS service in the same session.
                 * @example PSU-1234
                 */
                "PSU-ID"?: components["parameters"]["PSU-ID"];
                /** @description Type of the PSU-ID, needed in scenarios where PSUs have several PSU-IDs as access possibility. */
                "PSU-ID-Type"?: components["parameters"]["PSU-ID-Type"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID"?: components["parameters"]["PSU-Corporate-ID"];
                /** @description Might be mandated in the ASPSP's documentation. Only used in a corporate context. */
                "PSU-Corporate-ID-Type"?: components["parameters"]["PSU-Corporate-ID-Type"];
                /**
                 * @description The forwarded IP Address header field consists of the corresponding HTTP request
                 *     IP Address field between PSU and TPP.
                 *     It shall be contained if and only if this request was actively initiated by the PSU.
                 * @example 192.168.8.78
                 */
                "PSU-IP-Address"?: components["parameters"]["PSU-IP-Address_conditionalForAis"];
                /**
                 * @description The forwarded IP Port header field consists of the corresponding HTTP request IP Port field between PSU and TPP, if available.
                 * @example 1234
                 */
                "PSU-IP-Port"?: components["parameters"]["PSU-IP-Port"];
                /**
                 * @description If it equals "true", the TPP prefers a redirect over an embedded SCA approach.
                 *     If it equals "false", the TPP prefers not to be redirected for SCA. The ASPSP will then choose between the Embedded or the Decoupled
                 *     SCA approach, depending on the choice of the SCA procedure by the TPP/PSU.
                 *     If the parameter is not used, the ASPSP will choose the SCA approach to be applied depending on the SCA method chosen by the
                 *     TPP/PSU.
                 */
                "TPP-Redirect-Preferred"?: components["parameters"]["TPP-Redirect-Preferred"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept"?: components["parameters"]["PSU-Accept"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Charset"?: components["parameters"]["PSU-Accept-Charset"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Encoding"?: components["parameters"]["PSU-Accept-Encoding"];
                /** @description The forwarded IP Accept header fields consist of the corresponding HTTP request Accept header fields between PSU and TPP, if available. */
                "PSU-Accept-Language"?: components["parameters"]["PSU-Accept-Language"];
                /** @description The forwarded Agent header field of the HTTP request between PSU and TPP, if available. */
                "PSU-User-Agent"?: components["parameters"]["PSU-User-Agent"];
                /**
                 * @description HTTP method used at the PSU ? TPP interface, if available.
                 *     Valid values are:
                 *     * GET
                 *     * POST
                 *     * PUT
                 *     * PATCH
                 *     * DELETE
                 */
                "PSU-Http-Method"?: components["parameters"]["PSU-Http-Method"];
                /**
                 * @description UUID (Universally Unique Identifier) for a device, which is used by the PSU, if available.
                 *     UUID identifies either a device or a device dependant application installation.
                 *     In case of an installation identification this ID need to be unaltered until removal from device.
                 * @example 99435c7e-ad88-49ec-a2ad-99ddcb1f5555
                 */
                "PSU-Device-ID"?: components["parameters"]["PSU-Device-ID"];
                /**
                 * @description The forwarded Geo Location of the corresponding http request between PSU and TPP if available.
                 * @example GEO:52.506931;13.144558
                 */
                "PSU-Geo-Location"?: components["parameters"]["PSU-Geo-Location"];
            };
            path: {
                /** @description ID of the corresponding consent object as returned by an Account Information Consent Request. */
                consentId: components["parameters"]["consentId_PATH"];
                /** @description Resource identification of the related SCA. */
                authorisationId: components["parameters"]["authorisationId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown | components["schemas"]["updatePsuAuthentication"] | components["schemas"]["selectPsuAuthenticationMethod"] | components["schemas"]["transactionAuthorisation"];
            };
        };
        responses: {
            200: components["responses"]["OK_200_UpdatePsuData"];
            400: components["responses"]["BAD_REQUEST_400_AIS"];
            401: components["responses"]["UNAUTHORIZED_401_AIS"];
            403: components["responses"]["FORBIDDEN_403_AIS"];
            404: components["responses"]["NOT_FOUND_404_AIS"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_AIS"];
            406: components["responses"]["NOT_ACCEPTABLE_406_AIS"];
            408: components["responses"]["REQUEST_TIMEOUT_408_AIS"];
            409: components["responses"]["CONFLICT_409_AIS"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_AIS"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_AIS"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_AIS"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_AIS"];
        };
    };
    getASPSPList: {
        parameters: {
            query?: {
                /**
                 * @description ISO Country Codes for the countries to get ASPSPs for
                 * @example SE,FI
                 */
                isoCountryCodes?: components["parameters"]["isoCountryCodesQuery"];
                /**
                 * @description City IDs for the countries to get ASPSPs for
                 * @example 37efa883-c8ad-4ff7-927b-b11b02beb923,ba9dd929-1408-33a6-3ce2-bc45fcfaaa5c
                 */
                cityIds?: components["parameters"]["cityIdsQuery"];
            };
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_ASPSPList"];
            400: components["responses"]["BAD_REQUEST_400_ASPSP"];
            401: components["responses"]["UNAUTHORIZED_401_ASPSP"];
            403: components["responses"]["FORBIDDEN_403_ASPSP"];
            404: components["responses"]["NOT_FOUND_404_ASPSP"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_ASPSP"];
            406: components["responses"]["NOT_ACCEPTABLE_406_ASPSP"];
            408: components["responses"]["REQUEST_TIMEOUT_408_ASPSP"];
            409: components["responses"]["CONFLICT_409_ASPSP"];
            412: components["responses"]["PRECONDITION_FAILED_412_ASPSP"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_ASPSP"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_ASPSP"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_ASPSP"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_ASPSP"];
        };
    };
    getASPSPDetails: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
            };
            path: {
                /**
                 * @description The BICFI of the ASPSP
                 * @example OPBKSE21
                 */
                bicFi: components["parameters"]["bicFi"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_ASPSP"];
            400: components["responses"]["BAD_REQUEST_400_ASPSP"];
            401: components["responses"]["UNAUTHORIZED_401_ASPSP"];
            403: components["responses"]["FORBIDDEN_403_ASPSP"];
            404: components["responses"]["NOT_FOUND_404_ASPSP"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_ASPSP"];
            406: components["responses"]["NOT_ACCEPTABLE_406_ASPSP"];
            408: components["responses"]["REQUEST_TIMEOUT_408_ASPSP"];
            409: components["responses"]["CONFLICT_409_ASPSP"];
            412: components["responses"]["PRECONDITION_FAILED_412_ASPSP"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_ASPSP"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_ASPSP"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_ASPSP"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_ASPSP"];
        };
    };
    getCityList: {
        parameters: {
            query?: {
                /**
                 * @description ISO Country Codes for the countries to get ASPSPs for
                 * @example SE,FI
                 */
                isoCountryCodes?: components["parameters"]["isoCountryCodesQuery"];
                /**
                 * @description City IDs for the countries to get ASPSPs for
                 * @example 37efa883-c8ad-4ff7-927b-b11b02beb923,ba9dd929-1408-33a6-3ce2-bc45fcfaaa5c
                 */
                cityIds?: components["parameters"]["cityIdsQuery"];
            };
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_CityList"];
            400: components["responses"]["BAD_REQUEST_400_ASPSP"];
            401: components["responses"]["UNAUTHORIZED_401_ASPSP"];
            403: components["responses"]["FORBIDDEN_403_ASPSP"];
            404: components["responses"]["NOT_FOUND_404_ASPSP"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_ASPSP"];
            406: components["responses"]["NOT_ACCEPTABLE_406_ASPSP"];
            408: components["responses"]["REQUEST_TIMEOUT_408_ASPSP"];
            409: components["responses"]["CONFLICT_409_ASPSP"];
            412: components["responses"]["PRECONDITION_FAILED_412_ASPSP"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_ASPSP"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_ASPSP"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_ASPSP"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_ASPSP"];
        };
    };
    getCityDetails: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
            };
            path: {
                /**
                 * @description The ID of the city
                 * @example 37efa883-c8ad-4ff7-927b-b11b02beb923
                 */
                "city-id": components["parameters"]["cityId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_City"];
            400: components["responses"]["BAD_REQUEST_400_ASPSP"];
            401: components["responses"]["UNAUTHORIZED_401_ASPSP"];
            403: components["responses"]["FORBIDDEN_403_ASPSP"];
            404: components["responses"]["NOT_FOUND_404_ASPSP"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_ASPSP"];
            406: components["responses"]["NOT_ACCEPTABLE_406_ASPSP"];
            408: components["responses"]["REQUEST_TIMEOUT_408_ASPSP"];
            409: components["responses"]["CONFLICT_409_ASPSP"];
            412: components["responses"]["PRECONDITION_FAILED_412_ASPSP"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_ASPSP"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_ASPSP"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_ASPSP"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_ASPSP"];
        };
    };
    getCountriesList: {
        parameters: {
            query?: {
                /**
                 * @description ISO Country Codes for the countries to get ASPSPs for
                 * @example SE,FI
                 */
                isoCountryCodes?: components["parameters"]["isoCountryCodesQuery"];
            };
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_CountryList"];
            400: components["responses"]["BAD_REQUEST_400_ASPSP"];
            401: components["responses"]["UNAUTHORIZED_401_ASPSP"];
            403: components["responses"]["FORBIDDEN_403_ASPSP"];
            404: components["responses"]["NOT_FOUND_404_ASPSP"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_ASPSP"];
            406: components["responses"]["NOT_ACCEPTABLE_406_ASPSP"];
            408: components["responses"]["REQUEST_TIMEOUT_408_ASPSP"];
            409: components["responses"]["CONFLICT_409_ASPSP"];
            412: components["responses"]["PRECONDITION_FAILED_412_ASPSP"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_ASPSP"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_ASPSP"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_ASPSP"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_ASPSP"];
        };
    };
    getCountryDetails: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description ID of the request, unique to the call, as determined by the initiating party.
                 * @example 99391c7e-ad88-49ec-a2ad-99ddcb1f7721
                 */
                "X-Request-ID": components["parameters"]["X-Request-ID"];
                /**
                 * @description Is contained if and only if the "Signature" element is contained in the header of the request.
                 * @example SHA-256=hl1/Eps8BEQW58FJhDApwJXjGY4nr1ArGDHIT25vq6A=
                 */
                Digest?: components["parameters"]["Digest"];
                /**
                 * @description A signature of the request by the TPP on application level. This might be mandated by ASPSP.
                 * @example keyId="SN=9FA1,CA=CN=D-TRUST%20CA%202-1%202015,O=D-Trust%20GmbH,C=DE",algorithm="rsa-sha256", headers="Digest X-Request-ID PSU-ID TPP-Redirect-URI Date", signature="Base64(RSA-SHA256(signing string))"
                 */
                Signature?: components["parameters"]["Signature"];
                /**
                 * @description The certificate used for signing the request, in base64 encoding.
                 *     Must be contained if a signature is contained.
                 */
                "TPP-Signature-Certificate"?: components["parameters"]["TPP-Signature-Certificate"];
            };
            path: {
                /**
                 * @description ISO Country Code for the country
                 * @example SE
                 */
                isoCountryCode: components["parameters"]["isoCountryCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["OK_200_Country"];
            400: components["responses"]["BAD_REQUEST_400_ASPSP"];
            401: components["responses"]["UNAUTHORIZED_401_ASPSP"];
            403: components["responses"]["FORBIDDEN_403_ASPSP"];
            404: components["responses"]["NOT_FOUND_404_ASPSP"];
            405: components["responses"]["METHOD_NOT_ALLOWED_405_ASPSP"];
            406: components["responses"]["NOT_ACCEPTABLE_406_ASPSP"];
            408: components["responses"]["REQUEST_TIMEOUT_408_ASPSP"];
            409: components["responses"]["CONFLICT_409_ASPSP"];
            412: components["responses"]["PRECONDITION_FAILED_412_ASPSP"];
            415: components["responses"]["UNSUPPORTED_MEDIA_TYPE_415_ASPSP"];
            429: components["responses"]["TOO_MANY_REQUESTS_429_ASPSP"];
            500: components["responses"]["INTERNAL_SERVER_ERROR_500_ASPSP"];
            503: components["responses"]["SERVICE_UNAVAILABLE_503_ASPSP"];
        };
    };
}
