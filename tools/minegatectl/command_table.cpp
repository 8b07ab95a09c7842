#include "tools/minegatectl/command_table.hpp"

#include <string>

#include "tools/minegatectl/alert_commands.hpp"
#include "tools/minegatectl/audit_commands.hpp"
#include "tools/minegatectl/backup_commands.hpp"
#include "tools/minegatectl/bracelet_commands.hpp"
#include "tools/minegatectl/card_commands.hpp"
#include "tools/minegatectl/census_commands.hpp"
#include "tools/minegatectl/device_commands.hpp"
#include "tools/minegatectl/init_command.hpp"
#include "tools/minegatectl/rebuild_projections.hpp"
#include "tools/minegatectl/rules_commands.hpp"
#include "tools/minegatectl/security_commands.hpp"
#include "tools/minegatectl/site_commands.hpp"
#include "tools/minegatectl/user_commands.hpp"

namespace minegate::ctl {
namespace {

const std::vector<Command>& AllCommands() {
  static const std::vector<Command> commands = {
      {"init",
       "initialise le serveur / initialises the server",
       "utilisation / usage: minegatectl [--data-dir DIR] init --admin ID --password-file FILE "
       "[--name NAME]\n"
       "  Crée le répertoire de données (0700), les clés de scellement, la base et le premier\n"
       "  administrateur. Refusé si déjà initialisé.\n"
       "  Creates the data directory (0700), the sealing keys, the database and the first\n"
       "  administrator. Refused if already initialised.\n"
       "  --admin ID            identifiant / user id ([a-z0-9._-], 3..64)\n"
       "  --password-file FILE  mot de passe, « - » = entrée standard / password, '-' = stdin\n"
       "  --name NAME           nom affiché / display name (défaut / default: ID)\n",
       {"admin", "password-file", "name"},
       RunInit},
      {"site add",
       "crée un site / creates a site",
       "utilisation / usage: minegatectl site add --name NAME --department DEPT\n"
       "  --name NAME        nom unique du site / unique site name\n"
       "  --department DEPT  kedougou | saraya | salemata\n",
       {"name", "department"},
       RunSiteAdd},
      {"site list",
       "liste les sites / lists sites",
       "utilisation / usage: minegatectl site list\n",
       {},
       RunSiteList},
      {"site locate",
       "situe un site / locates a site",
       "utilisation / usage: minegatectl site locate --site ID --lat LAT --lon LON\n"
       "  --site ID   le site / the site\n"
       "  --lat LAT   latitude en degrés décimaux, -90 à 90 (Kédougou : 12.5556) /\n"
       "              latitude in decimal degrees, -90 to 90 (Kédougou: 12.5556)\n"
       "  --lon LON   longitude en degrés décimaux, -180 à 180 (Kédougou : -12.1743) /\n"
       "              longitude in decimal degrees, -180 to 180 (Kédougou: -12.1743)\n"
       "  Un site sans coordonnées n'entre dans aucune recherche de clone. / A site without\n"
       "  coordinates takes part in no suspected-clone check.\n",
       {"site", "lat", "lon"},
       RunSiteLocate},
      {"gate add",
       "crée une porte de site / creates a site gate",
       "utilisation / usage: minegatectl gate add --site ID --name NAME\n"
       "  --site ID    site de la porte / the gate's site\n"
       "  --name NAME  nom, unique dans le site / name, unique within the site\n",
       {"site", "name"},
       RunGateAdd},
      {"gate list",
       "liste les portes / lists gates",
       "utilisation / usage: minegatectl gate list [--site ID]\n"
       "  --site ID  seulement ce site / only this site\n",
       {"site"},
       RunGateList},
      {"user add",
       "crée un utilisateur / creates a user",
       "utilisation / usage: minegatectl user add --id ID --name NAME --role ROLE "
       "--password-file FILE [--pin-file FILE] [--card-uid HEX] [--sites LIST]\n"
       "  --id ID               identifiant / user id ([a-z0-9._-], 3..64)\n"
       "  --name NAME           nom affiché / display name\n"
       "  --role ROLE           gate_agent | border_police | emape_official |\n"
       "                        protection_officer | administrator | auditor\n"
       "  --password-file FILE  mot de passe (10 caractères min.), « - » = entrée standard /\n"
       "                        password (at least 10 characters), '-' = stdin\n"
       "  --pin-file FILE       PIN de borne, 6 à 12 chiffres, agents de porte, EMAPE et\n"
       "                        police ; refusé s'il est trivial (répété, suite, année) /\n"
       "                        kiosk PIN, 6 to 12 digits, gate agents, EMAPE officials and\n"
       "                        border police;\n"
       "                        refused when trivial (repeated, a run, a year)\n"
       "  --card-uid HEX        UID de la carte d'agent (4, 7 ou 10 octets) /\n"
       "                        staff card UID (4, 7 or 10 bytes)\n"
       "  --sites LIST          sites où l'agent travaille (1,4) : seules leurs bornes le\n"
       "                        reçoivent / sites the agent works at (1,4): only their\n"
       "                        kiosks receive the agent\n",
       {"id", "name", "role", "password-file", "pin-file", "card-uid", "sites"},
       RunUserAdd},
      {"user set-password",
       "change un mot de passe / changes a password",
       "utilisation / usage: minegatectl user set-password --id ID --password-file FILE\n",
       {"id", "password-file"},
       RunUserSetPassword},
      {"user reset-password",
       "pose un mot de passe provisoire, à changer à la prochaine connexion ; ferme les "
       "sessions / sets a temporary password the user must change at the next sign-in; ends "
       "their sessions",
       "utilisation / usage: minegatectl user reset-password --id ID --password-file FILE\n",
       {"id", "password-file"},
       RunUserResetPassword},
      {"user set-pin",
       "change le PIN de borne d'un agent / changes an agent's kiosk PIN",
       "utilisation / usage: minegatectl user set-pin --id ID --pin-file FILE\n",
       {"id", "pin-file"},
       RunUserSetPin},
      {"user set-card",
       "attribue ou retire une carte d'agent / sets or clears a staff card",
       "utilisation / usage: minegatectl user set-card --id ID (--uid HEX | --clear)\n"
       "  Les bornes reçoivent la liste des agents mise à jour.\n"
       "  Kiosks receive the updated agent roster.\n"
       "  --uid HEX  UID de la carte, 4, 7 ou 10 octets (04A1B2C3, 04:a1:b2:c3) ; une carte\n"
       "             n'appartient qu'à un utilisateur / card UID, 4, 7 or 10 bytes; a card\n"
       "             belongs to one user only\n"
       "  --clear    retire la carte de l'utilisateur / takes the user's card away\n",
       {"id", "uid"},
       RunUserSetCard,
       {"clear"}},
      {"user assign-site",
       "affecte un agent à un site / assigns an agent to a site",
       "utilisation / usage: minegatectl user assign-site --id ID --site ID\n"
       "  Les bornes de ce site reçoivent l'agent (PIN, carte). /\n"
       "  The site's kiosks receive the agent (PIN, card).\n",
       {"id", "site"},
       RunUserAssignSite},
      {"user unassign-site",
       "retire un agent d'un site / removes an agent from a site",
       "utilisation / usage: minegatectl user unassign-site --id ID --site ID\n",
       {"id", "site"},
       RunUserUnassignSite},
      {"user disable",
       "désactive un utilisateur / disables a user",
       "utilisation / usage: minegatectl user disable --id ID\n",
       {"id"},
       RunUserDisable},
      {"user list",
       "liste les utilisateurs / lists users",
       "utilisation / usage: minegatectl user list\n",
       {},
       RunUserList},
      {"device enroll",
       "prépare l'inscription d'une borne / prepares a kiosk's enrolment",
       "utilisation / usage: minegatectl device enroll --site ID [--gate ID] "
       "[--description TEXT] [--valid-hours N] [--out FILE]\n"
       "  Affiche l'identifiant de l'appareil et son code d'inscription à usage unique.\n"
       "  Prints the device id and its one-time enrolment code.\n"
       "  --site ID           site de la borne / the kiosk's site\n"
       "  --gate ID           porte de ce site / a gate of that site\n"
       "  --description TEXT  note libre / free note\n"
       "  --valid-hours N     validité du code, 1..720 (défaut 72) / code validity (default 72)\n"
       "  --out FILE          écrit aussi un fichier d'inscription (0600, jamais remplacé) /\n"
       "                      also writes an enrolment file (0600, never replaced)\n",
       {"site", "gate", "description", "valid-hours", "out"},
       RunDeviceEnroll},
      {"device revoke",
       "révoque une borne / revokes a kiosk",
       "utilisation / usage: minegatectl device revoke --id ID [--at MS]\n"
       "  --at MS  refuse sa clé à partir de cet instant (ms depuis 1970, défaut : maintenant) /\n"
       "           refuses its key from this time (ms since 1970, default: now)\n",
       {"id", "at"},
       RunDeviceRevoke},
      {"device list",
       "liste les bornes / lists kiosks",
       "utilisation / usage: minegatectl device list\n",
       {},
       RunDeviceList},
      {"bracelet revoke",
       "révoque un bracelet / revokes a bracelet",
       "utilisation / usage: minegatectl bracelet revoke --uid HEX --reason REASON "
       "[--note TEXT]\n"
       "  --uid HEX       UID du bracelet (4, 7 ou 10 octets) / bracelet UID (4, 7 or 10 bytes)\n"
       "  --reason R      lost | damaged | suspected_clone | left_region\n"
       "  --note TEXT     200 caractères au plus, aucune donnée personnelle /\n"
       "                  at most 200 characters, no personal data\n"
       "  Toutes les bornes le refusent dès la liste reçue ; la personne garde son historique\n"
       "  et reçoit un bracelet de remplacement à une porte. / Every kiosk refuses it once the\n"
       "  list arrives; the person keeps her history and gets a replacement at a gate.\n",
       {"uid", "reason", "note"},
       RunBraceletRevoke},
      {"card revoke",
       "révoque une carte d'orpailleur perdue / revokes a lost miner's card",
       "utilisation / usage: minegatectl card revoke --number N --reason TEXT\n"
       "  --number N     numéro de la carte (KDG12-000123) / card number (KDG12-000123)\n"
       "  --reason TEXT  motif, 200 caractères au plus, aucune donnée personnelle /\n"
       "                 reason, at most 200 characters, no personal data\n"
       "  Toutes les bornes la refusent dès la liste reçue ; un agent EMAPE peut en délivrer\n"
       "  une nouvelle (nouveau numéro). Comme POST /v1/census/cards/{number}/revoke. /\n"
       "  Every kiosk refuses it once the list arrives; an EMAPE official may issue a new one\n"
       "  (a new number). As POST /v1/census/cards/{number}/revoke.\n",
       {"number", "reason"},
       RunCardRevoke},
      {"security list",
       "liste les événements de sécurité (clones présumés) / lists security events (suspected "
       "clones)",
       "utilisation / usage: minegatectl security list [--status STATUS] [--limit N]\n"
       "  --status STATUS  open | revoked | dismissed (défaut : tous / default: all)\n"
       "  --limit N        les N plus récents, 1 à 10000 (défaut 100) / the N newest, 1 to 10000\n"
       "                   (default 100)\n"
       "  Le même bracelet accepté sur deux sites trop éloignés pour le temps écoulé ; aucune\n"
       "  donnée personnelle. / The same bracelet accepted at two sites too far apart for the\n"
       "  time between the taps; no personal data.\n",
       {"status", "limit"},
       RunSecurityList},
      {"security set-speed",
       "règle la vitesse de déplacement plausible / sets the plausible travel speed",
       "utilisation / usage: minegatectl security set-speed --kmh N\n"
       "  --kmh N  vitesse la plus rapide plausible entre deux sites, 1 à 1000 km/h (défaut 60) /\n"
       "           fastest plausible speed between two sites, 1 to 1000 km/h (default 60)\n",
       {"kmh"},
       RunSecuritySetSpeed},
      {"rules check",
       "vérifie un fichier de règles de risque / checks a risk rule-set file",
       "utilisation / usage: minegatectl rules check --file FILE\n"
       "  Valide le texte comme le serveur (format texte protobuf de RiskRuleSet, risk.proto) ;\n"
       "  chaque erreur avec sa ligne et sa colonne. Ne touche à aucune donnée.\n"
       "  Validates the text as the server does (protobuf text format of RiskRuleSet,\n"
       "  risk.proto); each error with its line and column. Touches no data.\n"
       "  --file FILE  le fichier, « - » = entrée standard / the file, '-' = stdin\n"
       "  Code 0 : valide ; 1 : invalide. / Exit 0: valid; 1: invalid.\n",
       {"file"},
       RunRulesCheck},
      {"rules upload",
       "dépose et active des règles de risque / uploads and activates risk rules",
       "utilisation / usage: minegatectl rules upload --file FILE\n"
       "  Valide, enregistre et active la version ; le serveur l'applique dès le lot suivant,\n"
       "  sans redémarrage, puis chaque personne est réévaluée ici (une reprise éventuelle se\n"
       "  fait au démarrage du serveur). Fichier invalide : erreurs par ligne, rien ne change.\n"
       "  Validates, stores and activates the version; the server applies it from its next\n"
       "  batch, without a restart, then every person is re-evaluated here (the server resumes\n"
       "  an interrupted run at its start). Invalid file: errors by line, nothing changes.\n"
       "  --file FILE  le fichier, « - » = entrée standard / the file, '-' = stdin\n",
       {"file"},
       RunRulesUpload},
      {"rules show",
       "montre les versions des règles de risque / shows the risk rule-set versions",
       "utilisation / usage: minegatectl rules show [--rule-set VERSION]\n"
       "  Sans --rule-set : les versions, l'active et la réévaluation en cours.\n"
       "  Avec : le texte de cette version tel qu'enregistré (à rediriger vers un fichier).\n"
       "  Without --rule-set: the versions, the active one and the re-evaluation in progress.\n"
       "  With it: that version's text as stored (to redirect into a file).\n"
       "  (--version est l'option de minegatectl lui-même / --version is minegatectl's own.)\n",
       {"rule-set"},
       RunRulesShow},
      {"alert publish",
       "publie une alerte aux bornes / publishes an alert to kiosks",
       "utilisation / usage: minegatectl alert publish --id ID --fr TEXT --en TEXT "
       "[--expires-at MS]\n"
       "  --id ID          identifiant, jamais réutilisé / id, never reused ([a-z0-9._-])\n"
       "  --fr TEXT        texte français / French text\n"
       "  --en TEXT        texte anglais / English text\n"
       "  --expires-at MS  fin (ms depuis 1970, 0 = jusqu'au retrait) /\n"
       "                   end (ms since 1970, 0 = until withdrawn)\n",
       {"id", "fr", "en", "expires-at"},
       RunAlertPublish},
      {"alert withdraw",
       "retire une alerte / withdraws an alert",
       "utilisation / usage: minegatectl alert withdraw --id ID\n",
       {"id"},
       RunAlertWithdraw},
      {"census add",
       "ouvre une campagne de recensement EMAPE / opens an EMAPE census campaign",
       "utilisation / usage: minegatectl census add --id ID --site ID --fr TEXT --en TEXT "
       "[--opens-at MS] --closes-at MS\n"
       "  Les bornes du site reçoivent la campagne. / The site's kiosks receive the campaign.\n"
       "  --id ID          identifiant, jamais réutilisé / id, never reused ([a-z0-9-], 3..64)\n"
       "  --site ID        site de la campagne / the campaign's site\n"
       "  --fr TEXT        nom français (120 caractères max.) / French name (at most 120)\n"
       "  --en TEXT        nom anglais / English name\n"
       "  --opens-at MS    ouverture (ms depuis 1970, défaut : maintenant) /\n"
       "                   opening (ms since 1970, default: now)\n"
       "  --closes-at MS   clôture, après l'ouverture et dans le futur /\n"
       "                   closing, after the opening and in the future\n",
       {"id", "site", "fr", "en", "opens-at", "closes-at"},
       RunCensusAdd},
      {"census close",
       "clôt une campagne maintenant / closes a campaign now",
       "utilisation / usage: minegatectl census close --id ID\n",
       {"id"},
       RunCensusClose},
      {"census list",
       "liste les campagnes de recensement / lists census campaigns",
       "utilisation / usage: minegatectl census list [--site ID]\n"
       "  --site ID  seulement ce site / only this site\n",
       {"site"},
       RunCensusList},
      {"audit verify",
       "vérifie la chaîne du journal d'audit / verifies the audit log's chain",
       "utilisation / usage: minegatectl audit verify [--expect COUNT:HASH]\n"
       "  Recalcule toute la chaîne d'empreintes ; nomme la première entrée rompue.\n"
       "  Recomputes the whole hash chain; names the first broken entry.\n"
       "  --expect COUNT:HASH  tête notée auparavant (minegatectl audit head) : détecte aussi\n"
       "                       une fin de journal coupée ou une chaîne recalculée /\n"
       "                       a head written down earlier (minegatectl audit head): also\n"
       "                       finds a cut-off end or a recomputed chain\n"
       "  Code 0 : intacte ; 1 : rompue. / Exit 0: intact; 1: broken.\n",
       {"expect"},
       RunAuditVerify},
      {"audit head",
       "affiche la tête du journal d'audit / prints the audit log's head",
       "utilisation / usage: minegatectl audit head\n"
       "  Affiche NOMBRE:EMPREINTE (entrées, empreinte de la dernière) à noter ou signer.\n"
       "  Prints COUNT:HASH (entries, hash of the last one) to write down or sign.\n",
       {},
       RunAuditHead},
      {"backup",
       "sauvegarde la base, serveur en marche / backs up the database, server running",
       "utilisation / usage: minegatectl [--data-dir DIR] backup --out FILE [--quick-check]\n"
       "  Copie cohérente de la base (API de sauvegarde de SQLite, un instantané), serveur en\n"
       "  marche : il continue de recevoir. Fichier temporaire vérifié (integrity_check), puis\n"
       "  renommé : jamais de sauvegarde à moitié écrite. Enregistrée au journal d'audit.\n"
       "  A consistent copy of the database (SQLite's backup API, one snapshot) while the server\n"
       "  runs and keeps receiving. A temporary file, checked (integrity_check), then renamed:\n"
       "  never a half-written backup. Recorded in the audit log.\n"
       "  --out FILE     le fichier à créer (0600), jamais remplacé / the file to create (0600),\n"
       "                 never replaced\n"
       "  --quick-check  quick_check au lieu d'integrity_check (grosse base) / instead of\n"
       "                 integrity_check (large database)\n"
       "  Les clés (DATA_DIR/keys/, server-key.pem) ne sont PAS copiées : avec la clé de\n"
       "  scellement, le fichier ouvrirait les données scellées. Sauvegardez-les à part.\n"
       "  The keys (DATA_DIR/keys/, server-key.pem) are NOT copied: with the sealing key, the\n"
       "  file would open the sealed data. Back them up separately.\n",
       {"out"},
       RunBackup,
       {"quick-check"}},
      {"restore",
       "restaure une sauvegarde / restores a backup",
       "utilisation / usage: minegatectl --data-dir DIR restore --from FILE [--replace] "
       "[--quick-check]\n"
       "  Remet une sauvegarde comme base de DIR (créé en 0700 s'il manque) : vérifie que c'est\n"
       "  une base minegate que ce programme connaît, son intégrité et sa chaîne d'audit, "
       "applique\n"
       "  les migrations en attente, puis seulement lui donne le nom de la base.\n"
       "  Puts a backup in place as DIR's database (DIR created 0700 if missing): checks it is a\n"
       "  minegate database this program knows, its integrity and its audit chain, applies\n"
       "  pending migrations, and only then gives it the database's name.\n"
       "  --from FILE    la sauvegarde / the backup (minegatectl backup --out)\n"
       "  --replace      remplace une base existante, refusé si elle est en service (serveur\n"
       "                 lancé) / replaces an existing database, refused while it is in use\n"
       "                 (server running)\n"
       "  --quick-check  quick_check au lieu d'integrity_check / instead of integrity_check\n"
       "  Les clés ne sont pas dans la sauvegarde : remettez DIR/keys/ et server-*.pem depuis\n"
       "  votre sauvegarde des clés. / Keys are not in the backup: put back DIR/keys/ and\n"
       "  server-*.pem from your key backup.\n",
       {"from"},
       RunRestore,
       {"replace", "quick-check"}},
      {"rebuild-projections",
       "reconstruit les tables de requête depuis le journal / rebuilds query tables from the log",
       "utilisation / usage: minegatectl rebuild-projections [--chunk N]\n"
       "  Rejoue tout le journal d'événements dans les tables de requête (personnes, bracelets,\n"
       "  passages, présence, accompagnants, cartes, recensement). Serveur arrêté.\n"
       "  Replays the whole event log into the query tables (persons, bracelets, passages,\n"
       "  presence, companions, cards, census). Stop the server first.\n"
       "  --chunk N  événements par transaction / events per transaction (10000)\n",
       {"chunk"},
       RunRebuildProjections},
  };
  return commands;
}

/// The words of a command name: "site add" -> {"site", "add"}.
std::vector<std::string_view> Words(std::string_view name) {
  std::vector<std::string_view> words;
  while (!name.empty()) {
    const std::size_t space = name.find(' ');
    words.push_back(name.substr(0, space));
    if (space == std::string_view::npos) break;
    name.remove_prefix(space + 1);
  }
  return words;
}

}  // namespace

std::span<const Command> Commands() { return AllCommands(); }

const Command* FindCommand(std::span<const std::string> words, std::size_t& consumed) {
  const Command* best = nullptr;
  consumed = 0;
  for (const Command& command : AllCommands()) {
    const std::vector<std::string_view> name = Words(command.name);
    if (name.size() > words.size() || name.size() <= consumed) continue;
    bool matches = true;
    for (std::size_t i = 0; i < name.size(); ++i) matches = matches && name[i] == words[i];
    if (matches) {
      best = &command;
      consumed = name.size();
    }
  }
  return best;
}

}  // namespace minegate::ctl
