#pragma once
/// One broken rule of one field, and its words for people (French, then English).

#include <cstddef>
#include <cstdint>
#include <string>

namespace minegate::rules {

/// What is wrong with the field.
enum class Problem : std::uint8_t {
  required,       ///< missing, empty, zero or UNSPECIFIED where a value is required
  too_long,       ///< more characters, items or bytes than allowed (`actual`, `limit`)
  wrong_size,     ///< bytes of another length than the field's (`actual`)
  bad_format,     ///< not in the form `expect` names (invalid UTF-8 included)
  out_of_range,   ///< a number, date or enum value outside what is possible
  needs_consent,  ///< a protection answer without consent to those questions
  inconsistent,   ///< contradicts another field (`expect` says which)
};

/// The rule the value missed, for bad_format, out_of_range, wrong_size and inconsistent.
enum class Expect : std::uint8_t {
  none,
  utf8,                   ///< valid UTF-8
  no_control,             ///< no control characters
  country_alpha3,         ///< ISO 3166-1 alpha-3, upper case
  language_639_3,         ///< ISO 639-3, lower case
  e164,                   ///< +[1-9][0-9]{7,14}
  document_number,        ///< [A-Z0-9][A-Z0-9 /-]*
  card_number,            ///< [0-9A-Z/-]+
  uuid_v7,                ///< 16 bytes, version 7, RFC 4122 variant
  device_id,              ///< [a-z0-9-]
  user_id,                ///< 3..64 of [a-z0-9._-]
  campaign_id,            ///< 3..64 of [a-z0-9-]
  token,                  ///< 16 bytes
  tag_uid,                ///< 4, 7 or 10 bytes
  enum_value,             ///< a value the enum defines
  year,                   ///< 1900 .. the current year
  month,                  ///< 0..12
  day_of_month,           ///< a day the month has
  not_in_future,          ///< not after the event (or the kiosk's clock)
  month_before_day,       ///< a day needs a month (and a month a year)
  positive,               ///< at least 1
  after_2020,             ///< not before 2020-01-01
  information_given,      ///< the information step must have been read out
  no_number_without_doc,  ///< document type NONE carries no number
  promised_job_purpose,   ///< promised_job set exactly when purpose is PROMISED_JOB
  other_tag,              ///< replaces_tag_uid differs from tag_uid
};

/// How `actual` and `limit` count.
enum class Unit : std::uint8_t { none, characters, bytes, items };

struct FieldProblem {
  /// Proto field path, e.g. "person_registered.given_name".
  std::string field;
  Problem problem = Problem::required;
  Expect expect = Expect::none;
  Unit unit = Unit::none;
  std::size_t actual = 0;
  std::size_t limit = 0;

  friend bool operator==(const FieldProblem&, const FieldProblem&) = default;
};

/// What a person reads, e.g. "person_registered.given_name: 81 caractères, au plus 80".
struct Wording {
  std::string fr;
  std::string en;
};
Wording Describe(const FieldProblem& problem);

}  // namespace minegate::rules
