// Country-specific names that make generated statements look local: merchants, employers,
// landlords and the words banks print on statements.

export interface LocalFlavour {
  currency: string;
  /** Multiplier from Swedish-krona-sized amounts to this currency. */
  scale: number;
  groceries: readonly string[];
  shops: readonly string[];
  employers: readonly string[];
  landlords: readonly string[];
  customers: readonly string[];
  suppliers: readonly string[];
  taxAuthority: string;
  words: {
    salary: string;
    rent: string;
    fee: string;
    card: string;
    transfer: string;
    interest: string;
    cardRepayment: string;
    invoice: string;
    payroll: string;
    tax: string;
  };
  friends: readonly string[];
}

const SWEDEN: LocalFlavour = {
  currency: 'SEK',
  scale: 1,
  groceries: [
    'ICA Maxi Lindhagen',
    'Coop Konsum Södermalm',
    'Willys Hornsberg',
    'Hemköp Fridhemsplan',
    'Lidl Sundbyberg',
    'ICA Nära Vasastan',
  ],
  shops: [
    'SL Access',
    'Systembolaget',
    'Apoteket',
    'Circle K',
    'Espresso House',
    'Clas Ohlson',
    'Spotify AB',
    'Åhléns City',
    'Max Hamburgare',
    'Pressbyrån',
  ],
  employers: ['Ericsson AB', 'Region Stockholm', 'Volvo Car Corporation', 'Skanska Sverige AB'],
  landlords: ['Stockholmshem AB', 'HSB Brf Eken', 'Heimstaden Bostad AB'],
  customers: ['Byggmax AB', 'Bauhaus Sverige', 'Jula AB', 'Ahlsell Sverige AB'],
  suppliers: ['Sandvik Coromant', 'Würth Svenska AB', 'PostNord Sverige AB', 'Telia Sverige AB'],
  taxAuthority: 'Skatteverket',
  words: {
    salary: 'LÖN',
    rent: 'HYRA',
    fee: 'MÅNADSAVGIFT',
    card: 'KORTKÖP',
    transfer: 'ÖVERFÖRING',
    interest: 'RÄNTA',
    cardRepayment: 'KORTBETALNING',
    invoice: 'FAKTURA',
    payroll: 'LÖNER',
    tax: 'SKATTEKONTO',
  },
  friends: ['Johan Ek', 'Sofia Lind', 'Karin Berg', 'Ahmed Ali'],
};

const FINLAND: LocalFlavour = {
  currency: 'EUR',
  scale: 0.1,
  groceries: ['K-Citymarket Ruoholahti', 'S-Market Kamppi', 'Lidl Itäkeskus', 'Alepa Kallio'],
  shops: ['HSL', 'Alko', 'Neste', 'R-kioski', 'Stockmann', 'Fazer Café', 'Elisa Oyj'],
  employers: ['Kone Oyj', 'Nokia Oyj', 'Helsingin kaupunki'],
  landlords: ['SATO Oyj', 'Kojamo Oyj', 'Helsingin asumisoikeus Oy'],
  customers: ['Tokmanni Oy', 'Motonet Oy', 'Puuilo Oyj'],
  suppliers: ['Fiskars Finland Oy', 'Posti Oy', 'Telia Finland Oyj'],
  taxAuthority: 'Verohallinto',
  words: {
    salary: 'PALKKA',
    rent: 'VUOKRA',
    fee: 'KUUKAUSIMAKSU',
    card: 'KORTTIOSTO',
    transfer: 'TILISIIRTO',
    interest: 'KORKO',
    cardRepayment: 'KORTIN MAKSU',
    invoice: 'LASKU',
    payroll: 'PALKAT',
    tax: 'VEROT',
  },
  friends: ['Mikko Korhonen', 'Laura Mäkinen', 'Juha Nieminen'],
};

const DENMARK: LocalFlavour = {
  currency: 'DKK',
  scale: 0.7,
  groceries: ['Netto Nørrebro', 'Føtex Vesterbro', 'Rema 1000 Amager', 'Irma Østerbro'],
  shops: ['DSB', 'Matas', '7-Eleven', 'Circle K', 'Lagkagehuset', 'Magasin du Nord'],
  employers: ['Novo Nordisk A/S', 'A.P. Møller - Mærsk A/S', 'Københavns Kommune'],
  landlords: ['KAB', 'Boligselskabet Sjælland', 'Heimstaden Danmark'],
  customers: ['Silvan A/S', 'Bauhaus Danmark', 'Jem & Fix'],
  suppliers: ['PostNord Danmark', 'TDC Erhverv', 'Würth Danmark A/S'],
  taxAuthority: 'Skattestyrelsen',
  words: {
    salary: 'LØN',
    rent: 'HUSLEJE',
    fee: 'GEBYR',
    card: 'DANKORT',
    transfer: 'OVERFØRSEL',
    interest: 'RENTE',
    cardRepayment: 'KORTAFREGNING',
    invoice: 'FAKTURA',
    payroll: 'LØNNINGER',
    tax: 'SKAT',
  },
  friends: ['Freja Nielsen', 'Oliver Hansen', 'Emma Pedersen'],
};

const GERMANY: LocalFlavour = {
  currency: 'EUR',
  scale: 0.1,
  groceries: ['REWE Sachsenhausen', 'EDEKA Bornheim', 'ALDI SÜD Bockenheim', 'Lidl Frankfurt'],
  shops: ['DB Vertrieb GmbH', 'dm-drogerie markt', 'Rossmann', 'Aral Tankstelle', 'Tchibo'],
  employers: ['Siemens AG', 'Deutsche Lufthansa AG', 'Stadt Frankfurt am Main'],
  landlords: ['Vonovia SE', 'ABG Frankfurt Holding', 'LEG Wohnen'],
  customers: ['OBI GmbH', 'Hornbach Baumarkt AG', 'toom Baumarkt'],
  suppliers: ['Würth GmbH', 'Deutsche Post AG', 'Telekom Deutschland'],
  taxAuthority: 'Finanzamt Frankfurt',
  words: {
    salary: 'GEHALT',
    rent: 'MIETE',
    fee: 'KONTOFÜHRUNG',
    card: 'KARTENZAHLUNG',
    transfer: 'ÜBERWEISUNG',
    interest: 'ZINSEN',
    cardRepayment: 'KREDITKARTENABRECHNUNG',
    invoice: 'RECHNUNG',
    payroll: 'LOHN UND GEHALT',
    tax: 'UMSATZSTEUER',
  },
  friends: ['Lukas Müller', 'Anna Schmidt', 'Jonas Weber'],
};

const BY_COUNTRY: Record<string, LocalFlavour> = {
  SE: SWEDEN,
  FI: FINLAND,
  DK: DENMARK,
  DE: GERMANY,
};

const EURO_COUNTRIES = new Set(['AT', 'BE', 'EE', 'ES', 'FR', 'IE', 'IT', 'LT', 'LV', 'NL', 'PT']);

export function flavourFor(countryCode: string): LocalFlavour {
  const known = BY_COUNTRY[countryCode];
  if (known) return known;
  // Other countries reuse the German names but keep a plausible currency.
  if (EURO_COUNTRIES.has(countryCode)) return GERMANY;
  if (countryCode === 'NO') return { ...SWEDEN, currency: 'NOK' };
  return GERMANY;
}

/** Bank codes that start each BBAN, so sandbox IBANs look like the real bank's. */
export const BANK_CODES: Readonly<Record<string, string>> = {
  ESSESESS: '500',
  NDEASESS: '300',
  HANDSESS: '600',
  SWEDSESS: '800',
  DABASESX: '120',
  NDEAFIHH: '100',
  OKOYFIHH: '500',
  DABADKKK: '3000',
  DEUTDEFF: '50070010',
};
