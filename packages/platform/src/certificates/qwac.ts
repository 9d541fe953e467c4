import {
  AsnArray,
  AsnConvert,
  AsnProp,
  AsnPropTypes,
  AsnSequenceType,
  AsnType,
  AsnTypeTypes,
} from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';

/**
 * What a PSD2 certificate (an eIDAS QWAC, ETSI TS 119 495) says about the TPP holding it: its
 * organisation identifier and the PSD2 roles its national authority granted. Pure: no I/O.
 */

/** The PSD2 roles of ETSI TS 119 495, by the names the standard gives them. */
export const PSD2_ROLES = {
  '0.4.0.19495.1.1': 'PSP_AS',
  '0.4.0.19495.1.2': 'PSP_PI',
  '0.4.0.19495.1.3': 'PSP_AI',
  '0.4.0.19495.1.4': 'PSP_IC',
} as const;

export type Psd2Role = (typeof PSD2_ROLES)[keyof typeof PSD2_ROLES];

export const OID = {
  /** Subject attribute organizationIdentifier (X.520), e.g. `PSDSE-FINA-44059`. */
  organizationIdentifier: '2.5.4.97',
  /** id-pe-qcStatements (RFC 3739). */
  qcStatements: '1.3.6.1.5.5.7.1.3',
  /** id-etsi-psd2-qcStatement (ETSI TS 119 495): the PSD2 roles and the authority. */
  psd2QcStatement: '0.4.0.19495.2',
} as const;

export interface QwacDetails {
  /** The subject's organizationIdentifier, e.g. `PSDSE-FINA-44059` (ETSI EN 319 412-1). */
  organizationId: string;
  /** The PSD2 roles whose OIDs the certificate carries (unknown OIDs are left out). */
  roles: Psd2Role[];
  /** The national competent authority that granted them, e.g. `Finansinspektionen`, `SE-FINA`. */
  authority: { name: string; id: string };
  /** The subject's commonName or organizationName, for logs and messages. */
  subjectName: string | undefined;
}

export type QwacReading = { ok: true; details: QwacDetails } | { ok: false; problem: string };

/**
 * An organisation identifier as ETSI EN 319 412-1 section 5.1.4 builds it for PSD2: `PSD`, the
 * authority's country, `-`, the authority's id, `-`, the authorisation number.
 */
const PSD2_ORGANIZATION_ID = /^PSD[A-Z]{2}-[A-Z0-9]{2,8}-[^\s]{1,64}$/;

export function isPsd2OrganizationId(value: string): boolean {
  return PSD2_ORGANIZATION_ID.test(value);
}

/** Reads the PSD2 attributes of a DER certificate, or says why it is not a PSD2 certificate. */
export function readQwac(der: Uint8Array): QwacReading {
  let certificate: Certificate;
  try {
    certificate = AsnConvert.parse(der, Certificate);
  } catch {
    return { ok: false, problem: 'the certificate cannot be parsed' };
  }
  const tbs = certificate.tbsCertificate;
  const attributes = tbs.subject.flatMap((rdn) => [...rdn]);
  const attribute = (oid: string) => attributes.find((a) => a.type === oid)?.value.toString();

  const organizationId = attribute(OID.organizationIdentifier);
  if (!organizationId) {
    return {
      ok: false,
      problem: 'the certificate has no organizationIdentifier (2.5.4.97) in its subject',
    };
  }
  if (!isPsd2OrganizationId(organizationId)) {
    return {
      ok: false,
      problem: `the certificate's organizationIdentifier "${organizationId}" is not a PSD2 one (PSD<country>-<authority>-<id>)`,
    };
  }

  const extension = tbs.extensions?.find((e) => e.extnID === OID.qcStatements);
  if (!extension) {
    return { ok: false, problem: 'the certificate has no QCStatements: it is not a QWAC' };
  }
  let psd2: Psd2QcType | undefined;
  try {
    const statements = AsnConvert.parse(extension.extnValue.buffer, QcStatements);
    const statement = statements.find((s) => s.statementId === OID.psd2QcStatement);
    if (statement?.statementInfo) psd2 = AsnConvert.parse(statement.statementInfo, Psd2QcType);
  } catch {
    return { ok: false, problem: 'the certificate has malformed QCStatements' };
  }
  if (!psd2) {
    return {
      ok: false,
      problem:
        'the certificate has no PSD2 QCStatement (ETSI TS 119 495, 0.4.0.19495.2) naming its roles',
    };
  }
  const roles = [
    ...new Set(
      psd2.rolesOfPsp
        .map((role) => PSD2_ROLES[role.roleOfPspOid as keyof typeof PSD2_ROLES])
        .filter((role): role is Psd2Role => role !== undefined),
    ),
  ];
  return {
    ok: true,
    details: {
      organizationId,
      roles,
      authority: { name: psd2.nCAName, id: psd2.nCAId },
      subjectName: attribute('2.5.4.3') ?? attribute('2.5.4.10'),
    },
  };
}

// The ASN.1 of the statements, declared with @peculiar/asn1-schema (its decorators applied as
// functions: the project compiles without experimentalDecorators).

/** QCStatement ::= SEQUENCE { statementId OBJECT IDENTIFIER, statementInfo ANY OPTIONAL } (RFC 3739) */
class QcStatement {
  statementId = '';
  statementInfo: ArrayBuffer | undefined;
}
AsnType({ type: AsnTypeTypes.Sequence })(QcStatement);
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(QcStatement.prototype, 'statementId');
AsnProp({ type: AsnPropTypes.Any, optional: true })(QcStatement.prototype, 'statementInfo');

/** QCStatements ::= SEQUENCE OF QCStatement */
class QcStatements extends AsnArray<QcStatement> {}
AsnSequenceType({ itemType: QcStatement })(QcStatements);

/** RoleOfPSP ::= SEQUENCE { roleOfPspOid OBJECT IDENTIFIER, roleOfPspName UTF8String } */
class RoleOfPsp {
  roleOfPspOid = '';
  roleOfPspName = '';
}
AsnType({ type: AsnTypeTypes.Sequence })(RoleOfPsp);
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(RoleOfPsp.prototype, 'roleOfPspOid');
AsnProp({ type: AsnPropTypes.Utf8String })(RoleOfPsp.prototype, 'roleOfPspName');

/** RolesOfPSP ::= SEQUENCE OF RoleOfPSP */
class RolesOfPsp extends AsnArray<RoleOfPsp> {}
AsnSequenceType({ itemType: RoleOfPsp })(RolesOfPsp);

/** PSD2QcType ::= SEQUENCE { rolesOfPSP RolesOfPSP, nCAName UTF8String, nCAId UTF8String } */
class Psd2QcType {
  rolesOfPsp = new RolesOfPsp();
  nCAName = '';
  nCAId = '';
}
AsnType({ type: AsnTypeTypes.Sequence })(Psd2QcType);
AsnProp({ type: RolesOfPsp })(Psd2QcType.prototype, 'rolesOfPsp');
AsnProp({ type: AsnPropTypes.Utf8String })(Psd2QcType.prototype, 'nCAName');
AsnProp({ type: AsnPropTypes.Utf8String })(Psd2QcType.prototype, 'nCAId');

/**
 * The DER of a PSD2 QCStatements extension value, for issuing test and sandbox certificates:
 * the same schema that reads them writes them.
 */
export function encodePsd2QcStatements(input: {
  roles: Psd2Role[];
  authority: { name: string; id: string };
}): ArrayBuffer {
  const oidOf = (role: Psd2Role) =>
    Object.entries(PSD2_ROLES).find(([, name]) => name === role)?.[0] ?? '';
  const psd2 = new Psd2QcType();
  psd2.rolesOfPsp = new RolesOfPsp(
    input.roles.map((role) =>
      Object.assign(new RoleOfPsp(), { roleOfPspOid: oidOf(role), roleOfPspName: role }),
    ),
  );
  psd2.nCAName = input.authority.name;
  psd2.nCAId = input.authority.id;
  const statement = Object.assign(new QcStatement(), {
    statementId: OID.psd2QcStatement,
    statementInfo: AsnConvert.serialize(psd2),
  });
  return AsnConvert.serialize(new QcStatements([statement]));
}
