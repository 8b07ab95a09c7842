// Border police: what the search page and a person's history share — the reason step with the
// case reference, a person's name, nationality and history address.
import { t } from '../i18n.js';
import { countryLabel } from '../languages.js';
import { reasonStep } from './reason_step.js';

/// The reason step of the police pages, with the case reference: `open(reason, caseReference)`.
export function policeReasonStep({ open, values, cancel, lead }) {
  return reasonStep({
    title: t('police.reason_title'),
    lead: lead ?? t('police.reason_lead'),
    reasonLabel: t('police.reason_label'),
    suggestions: [t('police.reason_identity_check'), t('police.reason_investigation'), t('police.reason_requisition'),
      t('police.reason_border_control')],
    warning: t('police.reason_warning'),
    caseReference: { label: t('police.case_reference'), hint: t('police.case_reference_hint'), missing: t('police.case_reference_missing') },
    submitLabel: t('police.reason_submit'),
    values,
    cancel,
    open,
    testid: 'police-reason-step',
  });
}

export const personName = (p) => `${p.givenName ?? ''} ${p.familyName ?? ''}`.trim() || t('police.no_name');

/// "Mali (MLI)", "non déclarée".
export function nationalityText(code) {
  return code ? countryLabel(code, { withCode: true }) : t('police.not_declared');
}

/// A history's address, for links.
export const personHref = (id) => `/police/person?id=${encodeURIComponent(id)}`;
