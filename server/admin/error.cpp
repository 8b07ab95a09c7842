#include "server/admin/error.hpp"

#include <string>

namespace minegate::server::admin {
namespace {

class Category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "minegate.server.admin"; }

  std::string message(int value) const override {
    switch (static_cast<Errc>(value)) {
      case Errc::bad_name:
        return "nom vide, trop long ou avec des caractères de contrôle / "
               "name empty, too long or with control characters";
      case Errc::unknown_department:
        return "département inconnu (kedougou, saraya, salemata) / "
               "unknown department (kedougou, saraya, salemata)";
      case Errc::site_exists:
        return "un site porte déjà ce nom / a site already has this name";
      case Errc::unknown_site:
        return "site inconnu / unknown site";
      case Errc::gate_exists:
        return "ce site a déjà une porte de ce nom / this site already has a gate with this name";
      case Errc::unknown_gate:
        return "porte inconnue / unknown gate";
      case Errc::gate_not_at_site:
        return "cette porte appartient à un autre site / this gate belongs to another site";
      case Errc::bad_user_id:
        return "identifiant invalide : 3 à 64 caractères parmi a-z 0-9 . _ - / "
               "invalid user id: 3 to 64 characters of a-z 0-9 . _ -";
      case Errc::unknown_role:
        return "rôle inconnu / unknown role";
      case Errc::user_exists:
        return "cet utilisateur existe déjà / this user already exists";
      case Errc::weak_password:
        return "mot de passe trop court : au moins 10 caractères / "
               "password too short: at least 10 characters";
      case Errc::password_too_long:
        return "mot de passe trop long : au plus 1024 octets / "
               "password too long: at most 1024 bytes";
      case Errc::bad_pin:
        return "le code PIN doit avoir 6 à 12 chiffres / the PIN must be 6 to 12 digits";
      case Errc::pin_not_allowed:
        return "seuls les agents de porte et les agents EMAPE ont un code PIN / "
               "only gate agents and EMAPE officials have a PIN";
      case Errc::unknown_user:
        return "utilisateur inconnu / unknown user";
      case Errc::user_disabled:
        return "utilisateur désactivé / user disabled";
      case Errc::user_already_disabled:
        return "utilisateur déjà désactivé / user already disabled";
      case Errc::last_administrator:
        return "impossible de désactiver le dernier administrateur actif / "
               "cannot disable the last active administrator";
      case Errc::wrong_password:
        return "mot de passe incorrect / wrong password";
      case Errc::wrong_pin:
        return "code PIN incorrect / wrong PIN";
      case Errc::no_pin:
        return "aucun code PIN défini / no PIN set";
      case Errc::bad_description:
        return "description trop longue ou avec des caractères de contrôle / "
               "description too long or with control characters";
      case Errc::bad_validity:
        return "durée de validité hors limites (1 minute à 30 jours) / "
               "validity out of range (1 minute to 30 days)";
      case Errc::bad_enrolment_code:
        return "code d'inscription mal formé / malformed enrolment code";
      case Errc::unknown_enrolment_code:
        return "code d'inscription inconnu ou déjà utilisé / unknown or already used enrolment "
               "code";
      case Errc::enrolment_expired:
        return "code d'inscription expiré / enrolment code expired";
      case Errc::key_already_enrolled:
        return "cette clé publique est déjà inscrite / this public key is already enrolled";
      case Errc::bad_key_length:
        return "une clé publique Ed25519 fait 32 octets / an Ed25519 public key is 32 bytes";
      case Errc::bad_public_key:
        return "clé publique Ed25519 invalide / invalid Ed25519 public key";
      case Errc::unknown_device:
        return "appareil inconnu / unknown device";
      case Errc::device_already_revoked:
        return "appareil déjà révoqué à cette date ou avant / "
               "device already revoked at or before this time";
      case Errc::bad_time:
        return "date invalide / invalid time";
      case Errc::bad_alert_id:
        return "identifiant d'alerte invalide : 1 à 64 caractères parmi a-z 0-9 . _ - / "
               "invalid alert id: 1 to 64 characters of a-z 0-9 . _ -";
      case Errc::bad_alert_text:
        return "texte d'alerte vide ou trop long (français et anglais requis) / "
               "alert text empty or too long (French and English required)";
      case Errc::alert_exists:
        return "une alerte porte déjà cet identifiant / an alert already has this id";
      case Errc::unknown_alert:
        return "alerte inconnue / unknown alert";
      case Errc::alert_already_withdrawn:
        return "alerte déjà retirée / alert already withdrawn";
      case Errc::crypto_unavailable:
        return "bibliothèque cryptographique indisponible / crypto library unavailable";
      case Errc::key_file_io:
        return "fichier de clé illisible ou impossible à écrire / "
               "key file cannot be read or written";
      case Errc::key_file_corrupt:
        return "fichier de clé corrompu / key file corrupt";
      case Errc::key_file_insecure:
        return "fichier de clé secrète lisible par d'autres (mode 0600 requis) / "
               "secret key file readable by others (mode 0600 required)";
      case Errc::key_files_inconsistent:
        return "clé publique sans clé secrète correspondante / "
               "public key without its matching secret key";
      case Errc::sealed_box_too_large:
        return "données scellées trop volumineuses / sealed data too large";
      case Errc::sealed_box_invalid:
        return "données scellées invalides ou altérées / sealed data invalid or altered";
      case Errc::bad_card_uid:
        return "UID de carte d'agent invalide : 4, 7 ou 10 octets en hexadécimal / "
               "invalid staff card UID: 4, 7 or 10 bytes in hex";
      case Errc::card_in_use:
        return "cette carte d'agent appartient déjà à un autre utilisateur / "
               "this staff card already belongs to another user";
      case Errc::bad_campaign_id:
        return "identifiant de campagne invalide : 3 à 64 caractères parmi a-z 0-9 - / "
               "invalid campaign id: 3 to 64 characters of a-z 0-9 -";
      case Errc::bad_campaign_name:
        return "nom de campagne vide ou trop long (français et anglais, 120 caractères max.) / "
               "campaign name empty or too long (French and English, at most 120 characters)";
      case Errc::bad_campaign_period:
        return "période de campagne invalide : l'ouverture doit précéder la clôture / "
               "invalid campaign period: opening must come before closing";
      case Errc::campaign_exists:
        return "une campagne porte déjà cet identifiant / a campaign already has this id";
      case Errc::unknown_campaign:
        return "campagne de recensement inconnue / unknown census campaign";
      case Errc::campaign_already_closed:
        return "campagne déjà close / campaign already closed";
      case Errc::trivial_pin:
        return "code PIN trop facile (chiffres répétés ou qui se suivent, ou une année) / "
               "PIN too easy to guess (repeated or consecutive digits, or a year)";
      case Errc::pin_compromised:
        return "ce code PIN était sur une borne révoquée : choisissez-en un autre / "
               "this PIN was on a revoked kiosk: choose another";
      case Errc::card_compromised:
        return "cette carte d'agent était sur une borne révoquée : remettez une nouvelle carte / "
               "this staff card was on a revoked kiosk: issue a new card";
      case Errc::site_not_allowed:
        return "seuls les agents de porte et les agents de l'EMAPE sont affectés à un site / "
               "only gate agents and EMAPE officials are assigned to sites";
      case Errc::site_already_assigned:
        return "utilisateur déjà affecté à ce site / user already assigned to this site";
      case Errc::site_not_assigned:
        return "utilisateur non affecté à ce site / user not assigned to this site";
      case Errc::bad_tag_uid:
        return "UID de bracelet invalide (4, 7 ou 10 octets) / invalid bracelet UID "
               "(4, 7 or 10 bytes)";
      case Errc::bad_revocation_reason:
        return "motif inconnu : lost, damaged, suspected_clone ou left_region / unknown reason: "
               "lost, damaged, suspected_clone or left_region";
      case Errc::bad_note:
        return "note trop longue (200 caractères au plus) ou avec des caractères de contrôle / "
               "note too long (at most 200 characters) or with control characters";
      case Errc::unknown_bracelet:
        return "bracelet inconnu du serveur (aucune émission reçue) / bracelet unknown to the "
               "server (no issue received)";
      case Errc::bracelet_already_revoked:
        return "bracelet déjà révoqué / bracelet already revoked";
    }
    return "erreur d'administration inconnue / unknown administration error";
  }
};

}  // namespace

const boost::system::error_category& AdminCategory() noexcept {
  static const Category category;
  return category;
}

boost::system::error_code make_error_code(Errc e) noexcept {
  return {static_cast<int>(e), AdminCategory()};
}

}  // namespace minegate::server::admin
