#include "server/protection/protection_error.hpp"

#include "base/error_category.hpp"

namespace minegate::server::protection {

const boost::system::error_category& ErrorCategory() {
  static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
      "minegate.server.protection",
      {{Errc::unknown_case, "dossier inconnu / unknown case"},
       {Errc::case_status_forbids,
        "action impossible dans l'état actuel du dossier / the case's status does not allow this "
        "action"},
       {Errc::bad_reason,
        "motif requis (1 à 1000 caractères) / a reason is required (1 to 1000 characters)"},
       {Errc::bad_assignee,
        "seul un agent de protection actif peut être désigné / only an active protection officer "
        "can be assigned"},
       {Errc::unknown_service, "service inconnu / unknown service"},
       {Errc::service_inactive, "ce service est désactivé / this service is deactivated"},
       {Errc::bad_service,
        "service invalide : nom, lieu, contact ou langues / invalid service: name, place, contact "
        "or languages"},
       {Errc::unknown_referral, "orientation inconnue / unknown referral"},
       {Errc::referral_already_acknowledged,
        "orientation déjà accusée / referral already acknowledged"},
       {Errc::referral_closed, "orientation déjà close / referral already closed"},
       {Errc::bad_due_date,
        "échéance invalide (passée, ou à plus d'un an) / invalid due date (past, or more than a "
        "year ahead)"},
       {Errc::bad_outcome, "issue inconnue / unknown outcome"},
       {Errc::unknown_notice, "avis de recherche inconnu / unknown search notice"},
       {Errc::notice_closed, "avis de recherche clos / search notice closed"},
       {Errc::bad_notice,
        "avis de recherche invalide : un champ hors limites, ou ni nom ni numéro de document / "
        "invalid search notice: a field out of bounds, or neither name nor document number"},
       {Errc::rule_set_invalid,
        "jeu de règles invalide (voir les erreurs par ligne) / invalid rule set (see the errors "
        "by line)"},
       {Errc::rule_set_exists,
        "cette version existe déjà avec un autre texte / this version already exists with "
        "another text"},
       {Errc::unknown_rule_set, "version de règles inconnue / unknown rule-set version"},
       {Errc::corrupt_record, "enregistrement illisible / unreadable record"},
       {Errc::service_refuses_minors,
        "ce service n'accueille pas les mineures, et elle a moins de 18 ans ou son âge est "
        "inconnu / this service does not take in minors, and she is under 18 or her age is "
        "unknown"}});
  return category;
}

boost::system::error_code make_error_code(Errc e) { return {static_cast<int>(e), ErrorCategory()}; }

}  // namespace minegate::server::protection
