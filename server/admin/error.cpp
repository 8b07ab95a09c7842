#include "server/admin/error.hpp"

#include <string>

#include "base/error_category.hpp"

namespace minegate::server::admin {
const boost::system::error_category& AdminCategory() noexcept {
  static const base::ErrorCategory category = base::ErrorCategory::Of<Errc>(
      "minegate.server.admin",
      {{Errc::bad_name,
        "nom vide, trop long ou avec des caractères de contrôle / name empty, too long or with "
        "control characters"},
       {Errc::unknown_department,
        "département inconnu (kedougou, saraya, salemata) / unknown department (kedougou, saraya, "
        "salemata)"},
       {Errc::site_exists, "un site porte déjà ce nom / a site already has this name"},
       {Errc::unknown_site, "site inconnu / unknown site"},
       {Errc::gate_exists,
        "ce site a déjà une porte de ce nom / this site already has a gate with this name"},
       {Errc::unknown_gate, "porte inconnue / unknown gate"},
       {Errc::gate_not_at_site,
        "cette porte appartient à un autre site / this gate belongs to another site"},
       {Errc::bad_user_id,
        "identifiant invalide : 3 à 64 caractères parmi a-z 0-9 . _ - / invalid user id: 3 to 64 "
        "characters of a-z 0-9 . _ -"},
       {Errc::unknown_role, "rôle inconnu / unknown role"},
       {Errc::user_exists, "cet utilisateur existe déjà / this user already exists"},
       {Errc::weak_password,
        "mot de passe trop court : au moins 10 caractères / password too short: at least 10 "
        "characters"},
       {Errc::password_too_long,
        "mot de passe trop long : au plus 1024 octets / password too long: at most 1024 bytes"},
       {Errc::bad_pin, "le code PIN doit avoir 6 à 12 chiffres / the PIN must be 6 to 12 digits"},
       {Errc::pin_not_allowed,
        "seuls les agents de porte et les agents EMAPE ont un code PIN / only gate agents and "
        "EMAPE officials have a PIN"},
       {Errc::unknown_user, "utilisateur inconnu / unknown user"},
       {Errc::user_disabled, "utilisateur désactivé / user disabled"},
       {Errc::user_already_disabled, "utilisateur déjà désactivé / user already disabled"},
       {Errc::last_administrator,
        "impossible de désactiver le dernier administrateur actif / cannot disable the last active "
        "administrator"},
       {Errc::wrong_password, "mot de passe incorrect / wrong password"},
       {Errc::wrong_pin, "code PIN incorrect / wrong PIN"},
       {Errc::no_pin, "aucun code PIN défini / no PIN set"},
       {Errc::bad_description,
        "description trop longue ou avec des caractères de contrôle / description too long or with "
        "control characters"},
       {Errc::bad_validity,
        "durée de validité hors limites (1 minute à 30 jours) / validity out of range (1 minute to "
        "30 days)"},
       {Errc::bad_enrolment_code, "code d'inscription mal formé / malformed enrolment code"},
       {Errc::unknown_enrolment_code,
        "code d'inscription inconnu ou déjà utilisé / unknown or already used enrolment code"},
       {Errc::enrolment_expired, "code d'inscription expiré / enrolment code expired"},
       {Errc::key_already_enrolled,
        "cette clé publique est déjà inscrite / this public key is already enrolled"},
       {Errc::bad_key_length,
        "une clé publique Ed25519 fait 32 octets / an Ed25519 public key is 32 bytes"},
       {Errc::bad_public_key, "clé publique Ed25519 invalide / invalid Ed25519 public key"},
       {Errc::unknown_device, "appareil inconnu / unknown device"},
       {Errc::device_already_revoked,
        "appareil déjà révoqué à cette date ou avant / device already revoked at or before this "
        "time"},
       {Errc::bad_time, "date invalide / invalid time"},
       {Errc::bad_alert_id,
        "identifiant d'alerte invalide : 1 à 64 caractères parmi a-z 0-9 . _ - / invalid alert id: "
        "1 to 64 characters of a-z 0-9 . _ -"},
       {Errc::bad_alert_text,
        "texte d'alerte vide ou trop long (français et anglais requis) / alert text empty or too "
        "long (French and English required)"},
       {Errc::alert_exists, "une alerte porte déjà cet identifiant / an alert already has this id"},
       {Errc::unknown_alert, "alerte inconnue / unknown alert"},
       {Errc::alert_already_withdrawn, "alerte déjà retirée / alert already withdrawn"},
       {Errc::crypto_unavailable,
        "bibliothèque cryptographique indisponible / crypto library unavailable"},
       {Errc::key_file_io,
        "fichier de clé illisible ou impossible à écrire / key file cannot be read or written"},
       {Errc::key_file_corrupt, "fichier de clé corrompu / key file corrupt"},
       {Errc::key_file_insecure,
        "fichier de clé secrète lisible par d'autres (mode 0600 requis) / secret key file readable "
        "by others (mode 0600 required)"},
       {Errc::key_files_inconsistent,
        "clé publique sans clé secrète correspondante / public key without its matching secret "
        "key"},
       {Errc::sealed_box_too_large, "données scellées trop volumineuses / sealed data too large"},
       {Errc::sealed_box_invalid,
        "données scellées invalides ou altérées / sealed data invalid or altered"},
       {Errc::bad_card_uid,
        "UID de carte d'agent invalide : 4, 7 ou 10 octets en hexadécimal / invalid staff card "
        "UID: 4, 7 or 10 bytes in hex"},
       {Errc::card_in_use,
        "cette carte d'agent appartient déjà à un autre utilisateur / this staff card already "
        "belongs to another user"},
       {Errc::bad_campaign_id,
        "identifiant de campagne invalide : 3 à 64 caractères parmi a-z 0-9 - / invalid campaign "
        "id: 3 to 64 characters of a-z 0-9 -"},
       {Errc::bad_campaign_name,
        "nom de campagne vide ou trop long (français et anglais, 120 caractères max.) / campaign "
        "name empty or too long (French and English, at most 120 characters)"},
       {Errc::bad_campaign_period,
        "période de campagne invalide : l'ouverture doit précéder la clôture / invalid campaign "
        "period: opening must come before closing"},
       {Errc::campaign_exists,
        "une campagne porte déjà cet identifiant / a campaign already has this id"},
       {Errc::unknown_campaign, "campagne de recensement inconnue / unknown census campaign"},
       {Errc::campaign_already_closed, "campagne déjà close / campaign already closed"},
       {Errc::trivial_pin,
        "code PIN trop facile (chiffres répétés ou qui se suivent, ou une année) / PIN too easy to "
        "guess (repeated or consecutive digits, or a year)"},
       {Errc::pin_compromised,
        "ce code PIN était sur une borne révoquée : choisissez-en un autre / this PIN was on a "
        "revoked kiosk: choose another"},
       {Errc::card_compromised,
        "cette carte d'agent était sur une borne révoquée : remettez une nouvelle carte / this "
        "staff card was on a revoked kiosk: issue a new card"},
       {Errc::site_not_allowed,
        "seuls les agents de porte et les agents de l'EMAPE sont affectés à un site / only gate "
        "agents and EMAPE officials are assigned to sites"},
       {Errc::site_already_assigned,
        "utilisateur déjà affecté à ce site / user already assigned to this site"},
       {Errc::site_not_assigned,
        "utilisateur non affecté à ce site / user not assigned to this site"},
       {Errc::bad_tag_uid,
        "UID de bracelet invalide (4, 7 ou 10 octets) / invalid bracelet UID (4, 7 or 10 bytes)"},
       {Errc::bad_revocation_reason,
        "motif inconnu : lost, damaged, suspected_clone ou left_region / unknown reason: lost, "
        "damaged, suspected_clone or left_region"},
       {Errc::bad_note,
        "note trop longue (200 caractères au plus) ou avec des caractères de contrôle / note too "
        "long (at most 200 characters) or with control characters"},
       {Errc::unknown_bracelet,
        "bracelet inconnu du serveur (aucune émission reçue) / bracelet unknown to the server (no "
        "issue received)"},
       {Errc::bracelet_already_revoked, "bracelet déjà révoqué / bracelet already revoked"},
       {Errc::password_unchanged,
        "le nouveau mot de passe doit différer de l'ancien / the new password must differ from "
        "the old one"},
       {Errc::bad_coordinates,
        "coordonnées invalides : latitude de -90 à 90, longitude de -180 à 180, en degrés "
        "décimaux / invalid coordinates: latitude -90 to 90, longitude -180 to 180, in decimal "
        "degrees"},
       {Errc::campaign_already_open, "campagne déjà ouverte / campaign already open"},
       {Errc::bad_card_number,
        "numéro de carte invalide (1 à 16 caractères 0-9, A-Z, / ou -) / invalid card number (1 "
        "to 16 characters 0-9, A-Z, / or -)"},
       {Errc::bad_card_revocation_reason,
        "motif requis : 1 à 200 caractères, sans caractère de contrôle / reason required: 1 to "
        "200 characters, no control characters"},
       {Errc::unknown_card, "carte inconnue / unknown card"},
       {Errc::card_not_linked,
        "carte réservée mais pas encore reçue liée à son titulaire ; réessayer après la "
        "synchronisation de la borne / card reserved but not yet received linked to its holder; "
        "retry once the kiosk has synced"},
       {Errc::card_already_revoked, "carte déjà révoquée / card already revoked"},
       {Errc::card_series_full,
        "série de cartes du site épuisée / the site's card series is used up"}});
  return category;
}

boost::system::error_code make_error_code(Errc e) noexcept {
  return {static_cast<int>(e), AdminCategory()};
}

}  // namespace minegate::server::admin
