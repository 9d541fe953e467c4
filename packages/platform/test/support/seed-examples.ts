/**
 * The ASPSP information answers as seed 004 documents them, fields in the seed's order,
 * with Bankbridge's own URLs in place of the seed's hosts. Tests of the pure answers and of the HTTP API both hold the
 * platform to this one copy.
 */
export function sebDetails(urls: { apiUrl: string; authUrl: string }) {
  return {
    city: 'Stockholm',
    country: 'Sweden',
    postalCode: '106 40',
    streetAddress: 'Kungsträdgårdsgatan 8',
    companyNumber: '502032-9081',
    phone: '+46-771 365 365',
    websiteUrl: 'https://seb.se/',
    globalPaymentProducts: ['sepa-credit-transfers', 'domestic'],
    paymentProducts: [
      'swedish-domestic-private-credit-transfers',
      'swedish-domestic-private-own-accounts-transfers',
      'swedish-domestic-private-bankgiros',
      'swedish-domestic-private-plusgiros',
      'sepa-credit-transfers',
      'cross-border-credit-transfers',
      'high-value-credit-transfers',
      'dk-domestic-credit-transfers',
      'intra-company-credit-transfers',
      'no-domestic-credit-transfers',
      'pl-domestic-credit-transfers',
      'se-domestic-credit-transfers',
      'uk-domestic-credit-transfers',
    ],
    supportedAuthorizationMethods: [
      { name: 'OAuth2', uri: `${urls.authUrl}/.well-known/openid-configuration` },
    ],
    bicFi: 'ESSESESS',
    // The seed's name ends in a space; Bankbridge answers it trimmed.
    name: 'Skandinaviska Enskilda Banken AB',
    logoUrl: `${urls.apiUrl}/logos/ESSESESS.svg`,
  };
}
