// Choices offered by the page. Pure data (no DOM): the catalogue check imports it
// to make sure every choice has a text in both languages.

/// Modes each agent role may use, in tab order.
export const MODES_BY_ROLE = {
  AGENT_ROLE_GATE_AGENT: [
    'KIOSK_MODE_GATE',
    'KIOSK_MODE_REGISTRATION',
    'KIOSK_MODE_MINER_CARD',
    'KIOSK_MODE_CENSUS',
    'KIOSK_MODE_BRACELETS',
    'KIOSK_MODE_SYNC_STATUS',
  ],
  AGENT_ROLE_EMAPE_OFFICIAL: ['KIOSK_MODE_CENSUS', 'KIOSK_MODE_MINER_CARD', 'KIOSK_MODE_SYNC_STATUS'],
  AGENT_ROLE_BORDER_POLICE: ['KIOSK_MODE_POLICE', 'KIOSK_MODE_SYNC_STATUS'],
};

/// Why a border police officer reads a history at the kiosk (sync.proto PoliceReason).
export const POLICE_REASONS = [
  'POLICE_REASON_IDENTITY_CHECK',
  'POLICE_REASON_BORDER_CONTROL',
  'POLICE_REASON_INVESTIGATION',
  'POLICE_REASON_JUDICIAL_REQUEST',
  'POLICE_REASON_MISSING_PERSON',
];

/// ISO 3166-1 alpha-3, the countries most people at the sites come from first.
export const COUNTRIES = [
  'SEN', 'MLI', 'GIN', 'BFA', 'NGA', 'GHA', 'CIV', 'GMB',
  'GNB', 'MRT', 'NER', 'TGO', 'BEN', 'CMR', 'SLE', 'LBR',
];

/// Languages the information can be read out in (ISO 639-3). Pulaar is "fuc".
export const INFORMATION_LANGUAGES = ['fra', 'eng', 'wol', 'fuc', 'mnk', 'bam', 'pcm'];

/// Languages a person may say she or he speaks (ISO 639-3).
export const SPOKEN_LANGUAGES = [
  'fra', 'eng', 'wol', 'fuc', 'mnk', 'bam', 'snk', 'pcm', 'hau', 'yor', 'ibo', 'twi',
];

export const SEXES = ['SEX_FEMALE', 'SEX_MALE'];

/// Why a bracelet is seized at the gate (a lost one is replaced, not seized).
export const SEIZURE_REASONS = [
  'REVOCATION_REASON_DAMAGED',
  'REVOCATION_REASON_SUSPECTED_CLONE',
  'REVOCATION_REASON_LEFT_REGION',
];

export const DOCUMENT_TYPES = [
  'DOCUMENT_TYPE_NONE',
  'DOCUMENT_TYPE_NATIONAL_ID',
  'DOCUMENT_TYPE_ECOWAS_ID',
  'DOCUMENT_TYPE_PASSPORT',
  'DOCUMENT_TYPE_BIRTH_CERTIFICATE',
  'DOCUMENT_TYPE_CONSULAR_CARD',
  'DOCUMENT_TYPE_VOTER_CARD',
  'DOCUMENT_TYPE_OTHER',
];

export const DOCUMENT_HOLDERS = [
  'DOCUMENT_HOLDER_SELF',
  'DOCUMENT_HOLDER_COMPANION',
  'DOCUMENT_HOLDER_EMPLOYER_OR_RECRUITER',
  'DOCUMENT_HOLDER_OTHER',
  'DOCUMENT_HOLDER_DECLINED',
];

export const OCCUPATIONS = [
  'OCCUPATION_MINER',
  'OCCUPATION_GOLD_TRADER',
  'OCCUPATION_TRADER',
  'OCCUPATION_FOOD_SERVICE',
  'OCCUPATION_BAR_WORKER',
  'OCCUPATION_DOMESTIC_WORKER',
  'OCCUPATION_MECHANIC',
  'OCCUPATION_TRANSPORT',
  'OCCUPATION_HEALTH_OR_EDUCATION',
  'OCCUPATION_NONE',
  'OCCUPATION_OTHER',
];

export const PURPOSES = [
  'PURPOSE_MINING',
  'PURPOSE_OWN_TRADE',
  'PURPOSE_PROMISED_JOB',
  'PURPOSE_JOIN_FAMILY',
  'PURPOSE_TRANSIT',
  'PURPOSE_OTHER',
];

export const PROMISED_JOBS = [
  'PROMISED_JOB_RESTAURANT',
  'PROMISED_JOB_BAR',
  'PROMISED_JOB_DOMESTIC_WORK',
  'PROMISED_JOB_COMMERCE',
  'PROMISED_JOB_HAIRDRESSING',
  'PROMISED_JOB_MINING',
  'PROMISED_JOB_OTHER',
];

export const ANSWERS = ['ANSWER_YES', 'ANSWER_NO', 'ANSWER_DECLINED'];

export const CONSENT_METHODS = [
  'CONSENT_METHOD_ORAL',
  'CONSENT_METHOD_SIGNATURE',
  'CONSENT_METHOD_THUMBPRINT',
  'CONSENT_METHOD_GUARDIAN',
];

export const COMPANION_CHOICES = [
  'COMPANION_CHOICE_NONE',
  'COMPANION_CHOICE_BRACELET',
  'COMPANION_CHOICE_DESCRIBED',
];

export const COMPANION_RELATIONS = [
  'COMPANION_RELATION_PARENT',
  'COMPANION_RELATION_SPOUSE',
  'COMPANION_RELATION_SIBLING',
  'COMPANION_RELATION_OTHER_FAMILY',
  'COMPANION_RELATION_EMPLOYER',
  'COMPANION_RELATION_RECRUITER',
  'COMPANION_RELATION_FRIEND',
  'COMPANION_RELATION_UNKNOWN',
];

/// Registration steps in order; the page moves through the first four itself.
export const STEPS = [
  'REGISTRATION_STEP_INFORMATION',
  'REGISTRATION_STEP_CONSENT',
  'REGISTRATION_STEP_FORM',
  'REGISTRATION_STEP_COMPANION',
  'REGISTRATION_STEP_BRACELET',
  'REGISTRATION_STEP_DONE',
];

/// Limits from events.proto / kiosk_ui.proto, checked as the agent types.
export const LIMITS = {
  name: 80,
  placeOfOrigin: 120,
  occupationDetail: 120,
  documentNumber: 32,
  companionDescription: 200,
};

/// How long a tap result stays on screen when no other tap comes.
export const TAP_DISPLAY_MS = 8000;
/// At most one Activity request in this period.
export const ACTIVITY_PERIOD_MS = 10000;
/// The idle sign-out countdown shows under this.
export const IDLE_WARNING_MS = 60000;
