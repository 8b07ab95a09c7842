#include "proto/rules/field_problem.hpp"

namespace minegate::rules {
namespace {

std::string N(std::size_t n) { return std::to_string(n); }

Wording UnitWords(Unit unit) {
  switch (unit) {
    case Unit::characters:
      return {"caractères", "characters"};
    case Unit::bytes:
      return {"octets", "bytes"};
    case Unit::items:
      return {"éléments", "items"};
    case Unit::none:
      break;
  }
  return {"", ""};
}

Wording BadFormat(Expect expect) {
  switch (expect) {
    case Expect::utf8:
      return {"UTF-8 invalide", "invalid UTF-8"};
    case Expect::no_control:
      return {"caractère de contrôle interdit", "control character not allowed"};
    case Expect::country_alpha3:
      return {"pas un code pays ISO 3166-1 alpha-3 en majuscules (ex. SEN)",
              "not an ISO 3166-1 alpha-3 country code in upper case (e.g. SEN)"};
    case Expect::language_639_3:
      return {"pas un code de langue ISO 639-3 en minuscules (ex. fra)",
              "not an ISO 639-3 language code in lower case (e.g. fra)"};
    case Expect::e164:
      return {"pas un numéro E.164 (+, puis 8 à 15 chiffres, ex. +221771234567)",
              "not an E.164 number (+, then 8 to 15 digits, e.g. +221771234567)"};
    case Expect::document_number:
      return {"caractères permis : A-Z, 0-9, espace, / et -, en commençant par A-Z ou 0-9",
              "allowed: A-Z, 0-9, space, / and -, starting with A-Z or 0-9"};
    case Expect::card_number:
      return {"caractères permis : 0-9, A-Z, / et -", "allowed: 0-9, A-Z, / and -"};
    case Expect::uuid_v7:
      return {"pas un UUIDv7 de 16 octets", "not a 16-byte UUIDv7"};
    case Expect::device_id:
      return {"caractères permis : a-z, 0-9 et -", "allowed: a-z, 0-9 and -"};
    case Expect::user_id:
      return {"pas un identifiant d'utilisateur (3 à 64 de a-z, 0-9, . _ -)",
              "not a user id (3 to 64 of a-z, 0-9, . _ -)"};
    case Expect::campaign_id:
      return {"pas un identifiant de campagne (3 à 64 de a-z, 0-9, -)",
              "not a campaign id (3 to 64 of a-z, 0-9, -)"};
    default:
      break;
  }
  return {"forme invalide", "invalid form"};
}

Wording OutOfRange(const FieldProblem& p) {
  switch (p.expect) {
    case Expect::enum_value:
      return {N(p.actual) + " n'est pas une valeur définie",
              N(p.actual) + " is not a defined value"};
    case Expect::year:
      return {"année " + N(p.actual) + " hors de 1900 à " + N(p.limit),
              "year " + N(p.actual) + " outside 1900 to " + N(p.limit)};
    case Expect::month:
      return {"mois " + N(p.actual) + " hors de 0 à 12",
              "month " + N(p.actual) + " outside 0 to 12"};
    case Expect::day_of_month:
      return {"le jour " + N(p.actual) + " n'existe pas dans ce mois",
              "day " + N(p.actual) + " does not exist in that month"};
    case Expect::not_in_future:
      return {"date dans le futur", "date in the future"};
    case Expect::after_2020:
      return {"avant le 2020-01-01", "before 2020-01-01"};
    case Expect::positive:
      return {"au-delà de 2^63-1", "beyond 2^63-1"};
    default:
      break;
  }
  return {"hors limites", "out of range"};
}

Wording Required(Expect expect) {
  switch (expect) {
    case Expect::information_given:
      return {"obligatoire : l'information doit avoir été lue (true)",
              "required: the information must have been read out (true)"};
    case Expect::month_before_day:
      return {"obligatoire quand le jour est donné", "required when the day is given"};
    case Expect::promised_job_purpose:
      return {"obligatoire quand purpose est PURPOSE_PROMISED_JOB",
              "required when purpose is PURPOSE_PROMISED_JOB"};
    default:
      break;
  }
  return {"obligatoire", "required"};
}

Wording Inconsistent(Expect expect) {
  switch (expect) {
    case Expect::no_number_without_doc:
      return {"numéro donné alors que le type est DOCUMENT_TYPE_NONE",
              "number given while the type is DOCUMENT_TYPE_NONE"};
    case Expect::promised_job_purpose:
      return {"donné alors que purpose n'est pas PURPOSE_PROMISED_JOB",
              "given while purpose is not PURPOSE_PROMISED_JOB"};
    case Expect::other_tag:
      return {"identique à tag_uid", "equal to tag_uid"};
    default:
      break;
  }
  return {"contredit un autre champ", "contradicts another field"};
}

Wording What(const FieldProblem& p) {
  switch (p.problem) {
    case Problem::required:
      return Required(p.expect);
    case Problem::too_long: {
      const Wording unit = UnitWords(p.unit);
      return {N(p.actual) + " " + unit.fr + ", au plus " + N(p.limit),
              N(p.actual) + " " + unit.en + ", at most " + N(p.limit)};
    }
    case Problem::wrong_size:
      if (p.expect == Expect::tag_uid) {
        return {N(p.actual) + " octets, 4, 7 ou 10 attendus",
                N(p.actual) + " bytes, 4, 7 or 10 expected"};
      }
      return {N(p.actual) + " octets, " + N(p.limit) + " attendus",
              N(p.actual) + " bytes, " + N(p.limit) + " expected"};
    case Problem::bad_format:
      return BadFormat(p.expect);
    case Problem::out_of_range:
      return OutOfRange(p);
    case Problem::needs_consent:
      return {"réponse de protection sans consentement aux questions de protection",
              "protection answer without consent to the protection questions"};
    case Problem::inconsistent:
      return Inconsistent(p.expect);
  }
  return {"invalide", "invalid"};
}

}  // namespace

Wording Describe(const FieldProblem& problem) {
  const Wording what = What(problem);
  return {problem.field + " : " + what.fr, problem.field + ": " + what.en};
}

}  // namespace minegate::rules
