#include "server/police/person_timeline.hpp"

#include "base/hex.hpp"
#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"
#include "minegate/v1/events.pb.h"

namespace minegate::server::police {
namespace {

std::string HexOf(const db::Statement& row, int column) {
  return row.ColumnIsNull(column) ? std::string() : base::ToHex(row.ColumnBlob(column));
}

/// Copies the police's part of a registration; everything else of PersonRegistered (the
/// protection questions, who holds her document, purpose and promised job, consent,
/// telephone) stays out.
void CopyRegistration(const v1::PersonRegistered& from, v1::PoliceRegistration& to) {
  to.set_given_name(from.given_name());
  to.set_family_name(from.family_name());
  to.set_sex(from.sex());
  *to.mutable_birth() = from.birth();
  to.set_nationality(from.nationality());
  to.set_place_of_origin(from.place_of_origin());
  to.set_document_type(from.identity_document().type());
  to.set_document_number(from.identity_document().number());
  to.set_document_issuing_country(from.identity_document().issuing_country());
  for (const std::string& language : from.languages()) to.add_languages(language);
  to.set_occupation(from.occupation());
  if (from.has_entered_senegal()) *to.mutable_entered_senegal() = from.entered_senegal();
}

}  // namespace

std::optional<std::string> PersonTokenOf(std::string_view person_id) {
  if (person_id.size() != 32) return std::nullopt;
  auto bytes = base::FromHex(person_id);
  if (!bytes || bytes->size() != 16) return std::nullopt;
  return std::string(bytes->begin(), bytes->end());
}

Result<v1::PoliceTimeline> PersonTimeline::Read(const std::string& person_token) {
  // One snapshot for every part of the history (inside a caller's transaction, a savepoint
  // of it). Nothing is written: the scope's end rolls it back, which only lets the read go.
  auto snapshot = db::Transaction::Begin(connection_, db::Transaction::Mode::kDeferred);
  if (!snapshot) return snapshot.error();
  v1::PoliceTimeline timeline;
  timeline.set_person_id(base::ToHex(person_token));
  auto found = Registration(person_token, timeline);
  if (!found) return found.error();
  if (!found.value()) return Errc::unknown_person;
  if (auto read = Passages(person_token, timeline); !read) return read.error();
  if (auto read = Census(person_token, timeline); !read) return read.error();
  if (auto read = Companions(person_token, timeline); !read) return read.error();
  if (auto read = Bracelets(person_token, timeline); !read) return read.error();
  if (auto read = MinerCards(person_token, timeline); !read) return read.error();
  return timeline;
}

Result<bool> PersonTimeline::Registration(const std::string& token, v1::PoliceTimeline& out) {
  auto statement = connection_.Prepare(
      "SELECT p.record, p.registered_at_ms, p.registered_site_id, coalesce(s.name, ''), "
      "e.gate_id, coalesce(g.name, '') FROM persons p "
      "LEFT JOIN sites s ON s.site_id = p.registered_site_id "
      "LEFT JOIN events e ON e.log_position = p.registered_position "
      "LEFT JOIN gates g ON g.gate_id = e.gate_id WHERE p.person_token = ?");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), db::Blob(token)); !bound) return bound.error();
  bool found = false;
  bool corrupt = false;
  auto walked = db::ForEachRow(statement.value(), [&](const db::Statement& row) {
    found = true;
    const auto record = row.ColumnBlob(0);
    v1::PersonRegistered registered;
    if (!registered.ParseFromArray(record.data(), static_cast<int>(record.size()))) {
      corrupt = true;
      return;
    }
    v1::PoliceRegistration* registration = out.mutable_registration();
    CopyRegistration(registered, *registration);
    registration->set_registered_at_ms(row.ColumnInt64(1));
    registration->set_site_id(row.ColumnInt64(2));
    registration->set_site_name(row.ColumnText(3));
    registration->set_gate_id(row.ColumnIsNull(4) ? 0 : row.ColumnInt64(4));
    registration->set_gate_name(row.ColumnText(5));
  });
  if (!walked) return walked.error();
  if (corrupt) return db::Errc::corrupt;
  return found;
}

Result<void> PersonTimeline::Passages(const std::string& token, v1::PoliceTimeline& out) {
  auto count = db::QueryOne(
      connection_, "SELECT count(*) FROM passages WHERE person_token = ?",
      [](const db::Statement& row) { return row.ColumnInt64(0); }, db::Blob(token));
  if (!count) return count.error();
  out.set_passage_count(count.value());
  auto statement = connection_.Prepare(
      "SELECT s.occurred_at_ms, s.site_id, coalesce(si.name, ''), s.gate_id, "
      "coalesce(g.name, ''), s.direction, s.verification, s.tag_uid FROM passages s "
      "LEFT JOIN sites si ON si.site_id = s.site_id LEFT JOIN gates g ON g.gate_id = s.gate_id "
      "WHERE s.person_token = ? ORDER BY s.occurred_at_ms DESC, s.log_position DESC LIMIT ?");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), db::Blob(token),
                               static_cast<std::int64_t>(kMaxPassagesShown));
      !bound) {
    return bound.error();
  }
  return db::ForEachRow(statement.value(), [&out](const db::Statement& row) {
    v1::PolicePassage* passage = out.add_passages();
    passage->set_at_ms(row.ColumnInt64(0));
    passage->set_site_id(row.ColumnInt64(1));
    passage->set_site_name(row.ColumnText(2));
    passage->set_gate_id(row.ColumnInt64(3));
    passage->set_gate_name(row.ColumnText(4));
    passage->set_direction(static_cast<v1::Direction>(row.ColumnInt64(5)));
    passage->set_verification(static_cast<v1::Verification>(row.ColumnInt64(6)));
    passage->set_tag_uid(HexOf(row, 7));
  });
}

Result<void> PersonTimeline::Census(const std::string& token, v1::PoliceTimeline& out) {
  auto statement = connection_.Prepare(
      "SELECT c.campaign_id, coalesce(k.name_fr, ''), coalesce(k.name_en, ''), c.site_id, "
      "coalesce(s.name, ''), c.observed_at_ms FROM census_observations c "
      "LEFT JOIN census_campaigns k ON k.campaign_id = c.campaign_id "
      "LEFT JOIN sites s ON s.site_id = c.site_id "
      "WHERE c.person_token = ? ORDER BY c.observed_at_ms");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), db::Blob(token)); !bound) return bound.error();
  return db::ForEachRow(statement.value(), [&out](const db::Statement& row) {
    v1::PoliceCensusObservation* observation = out.add_census_observations();
    observation->set_campaign_id(row.ColumnText(0));
    observation->set_campaign_name_fr(row.ColumnText(1));
    observation->set_campaign_name_en(row.ColumnText(2));
    observation->set_site_id(row.ColumnInt64(3));
    observation->set_site_name(row.ColumnText(4));
    observation->set_observed_at_ms(row.ColumnInt64(5));
  });
}

Result<void> PersonTimeline::Companions(const std::string& token, v1::PoliceTimeline& out) {
  // `other` is the other person's column: the companion (came with) or the one recorded with
  // this person as companion (accompanied). Who answered for whom is a protection question:
  // `answered_for_person` is never read.
  const auto read =
      [&](std::string_view other, std::string_view self,
          google::protobuf::RepeatedPtrField<v1::PoliceCompanion>& into) -> Result<void> {
    auto statement = connection_.Prepare(
        "SELECT c." + std::string(other) +
        ", coalesce(p.given_name, ''), coalesce(p.family_name, ''), "
        "coalesce(c.companion_description, ''), c.relation, c.site_id, coalesce(s.name, ''), "
        "c.recorded_at_ms FROM companions c LEFT JOIN persons p ON p.person_token = c." +
        std::string(other) + " LEFT JOIN sites s ON s.site_id = c.site_id WHERE c." +
        std::string(self) + " = ? ORDER BY c.recorded_at_ms, c.log_position");
    if (!statement) return statement.error();
    if (auto bound = db::BindAll(statement.value(), db::Blob(token)); !bound) {
      return bound.error();
    }
    return db::ForEachRow(statement.value(), [&into](const db::Statement& row) {
      v1::PoliceCompanion* companion = into.Add();
      companion->set_person_id(HexOf(row, 0));
      companion->set_given_name(row.ColumnText(1));
      companion->set_family_name(row.ColumnText(2));
      companion->set_description(row.ColumnText(3));
      companion->set_relation(static_cast<v1::CompanionRelation>(row.ColumnInt64(4)));
      companion->set_site_id(row.ColumnInt64(5));
      companion->set_site_name(row.ColumnText(6));
      companion->set_recorded_at_ms(row.ColumnInt64(7));
    });
  };
  if (auto came = read("companion_person_token", "person_token", *out.mutable_came_with()); !came) {
    return came.error();
  }
  return read("person_token", "companion_person_token", *out.mutable_accompanied());
}

Result<void> PersonTimeline::Bracelets(const std::string& token, v1::PoliceTimeline& out) {
  auto statement = connection_.Prepare(
      "SELECT b.tag_uid, b.issued_at_ms, b.issued_site_id, coalesce(s.name, ''), "
      "b.revoked_at_ms, coalesce(b.revocation_reason, 0), "
      "EXISTS (SELECT 1 FROM bracelet_revocations r WHERE r.tag_uid = b.tag_uid "
      "AND r.source = 1 AND r.revoked_at_ms = b.revoked_at_ms) "
      "FROM bracelets b LEFT JOIN sites s ON s.site_id = b.issued_site_id "
      "WHERE b.person_token = ? ORDER BY b.issued_at_ms");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), db::Blob(token)); !bound) return bound.error();
  return db::ForEachRow(statement.value(), [&out](const db::Statement& row) {
    v1::PoliceBracelet* bracelet = out.add_bracelets();
    bracelet->set_tag_uid(HexOf(row, 0));
    bracelet->set_issued_at_ms(row.ColumnInt64(1));
    bracelet->set_issued_site_id(row.ColumnInt64(2));
    bracelet->set_issued_site_name(row.ColumnText(3));
    bracelet->set_revoked(!row.ColumnIsNull(4));
    bracelet->set_revoked_at_ms(row.ColumnIsNull(4) ? 0 : row.ColumnInt64(4));
    bracelet->set_revocation_reason(static_cast<v1::RevocationReason>(row.ColumnInt64(5)));
    bracelet->set_replaced(row.ColumnInt64(6) != 0);
  });
}

Result<void> PersonTimeline::MinerCards(const std::string& token, v1::PoliceTimeline& out) {
  auto statement = connection_.Prepare(
      "SELECT card_number, card_uid, linked_at_ms FROM miner_cards WHERE person_token = ? "
      "ORDER BY linked_at_ms");
  if (!statement) return statement.error();
  if (auto bound = db::BindAll(statement.value(), db::Blob(token)); !bound) return bound.error();
  return db::ForEachRow(statement.value(), [&out](const db::Statement& row) {
    v1::PoliceMinerCard* card = out.add_miner_cards();
    card->set_card_number(row.ColumnText(0));
    card->set_card_uid(HexOf(row, 1));
    card->set_linked_at_ms(row.ColumnInt64(2));
  });
}

}  // namespace minegate::server::police
