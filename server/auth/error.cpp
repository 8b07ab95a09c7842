#include "server/auth/error.hpp"

#include "base/error_category.hpp"

namespace minegate::server::auth {

const boost::system::error_category& AuthCategory() noexcept {
  static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
      "minegate.server.auth",
      {{Errc::sign_in_refused, "identifiant ou mot de passe incorrect / wrong user id or password"},
       {Errc::sign_in_locked,
        "trop d'essais infructueux : réessayez plus tard / too many failed attempts: try again "
        "later"},
       {Errc::not_signed_in, "non connecté / not signed in"},
       {Errc::session_expired,
        "session expirée : reconnectez-vous / session expired: sign in again"},
       {Errc::session_ended, "session terminée : reconnectez-vous / session ended: sign in again"},
       {Errc::account_disabled, "compte désactivé / account disabled"},
       {Errc::password_change_required,
        "choisissez d'abord un nouveau mot de passe / choose a new password first"},
       {Errc::csrf_missing, "jeton anti-falsification absent / anti-forgery (CSRF) token missing"},
       {Errc::csrf_mismatch,
        "jeton anti-falsification incorrect / anti-forgery (CSRF) token wrong"},
       {Errc::session_required,
        "réservé à une session ouverte, pas à un jeton d'API / for a signed-in session only, not "
        "an API token"},
       {Errc::no_web_workspace,
        "les agents de porte travaillent aux bornes : pas d'espace web / gate agents work at "
        "kiosks: no web workspace"},
       {Errc::bad_token_name,
        "nom de jeton : 1 à 64 caractères imprimables / token name: 1 to 64 printable "
        "characters"},
       {Errc::bad_token_validity,
        "durée de validité d'un jeton : 1 à 90 jours / token validity: 1 to 90 days"},
       {Errc::too_many_tokens,
        "trop de jetons actifs : révoquez-en un / too many live tokens: revoke one"},
       {Errc::unknown_token, "jeton d'API inconnu / unknown API token"},
       {Errc::token_expired, "jeton d'API expiré / API token expired"},
       {Errc::token_revoked, "jeton d'API révoqué / API token revoked"},
       {Errc::token_already_revoked, "jeton d'API déjà révoqué / API token already revoked"},
       {Errc::crypto_unavailable,
        "bibliothèque cryptographique indisponible / crypto library unavailable"}});
  return category;
}

boost::system::error_code make_error_code(Errc e) noexcept {
  return {static_cast<int>(e), AuthCategory()};
}

}  // namespace minegate::server::auth
