#include "server/protection/risk_reevaluator.hpp"

#include <map>
#include <utility>

#include "db/bind.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"
#include "server/ingest/event_writer.hpp"
#include "server/protection/internal/chunk_reader.hpp"
#include "server/protection/internal/person_assessor.hpp"
#include "server/risk/risk_evaluator.hpp"

namespace minegate::server::protection {
namespace {

struct State {
  std::optional<std::string> version;
  std::string after;
  std::int64_t done = 0;
};

Result<State> ReadState(db::Connection& connection) {
  return db::QueryOne(connection,
                      "SELECT rule_set_version, after_token, persons_done FROM risk_reevaluation "
                      "WHERE id = 1",
                      [](const db::Statement& row) {
                        State state;
                        if (!row.ColumnIsNull(0)) state.version = row.ColumnText(0);
                        const auto after = row.ColumnBlob(1);
                        state.after.assign(after.begin(), after.end());
                        state.done = row.ColumnInt64(2);
                        return state;
                      });
}

/// Fills each companion's `others` with the persons the same companion brought within the
/// recruiter window of that record: one query per distinct companion in the chunk, over the
/// union of its records' windows, then filtered per record.
Result<void> FillOthers(internal::FactsReader& facts, const internal::RulesInUse& rules,
                        std::vector<internal::ChunkPerson>& persons) {
  const std::int64_t window = rules.recruiter_window_ms();
  const auto needed = [&rules](const internal::ChunkPerson& person,
                               const internal::ChunkCompanion& companion) {
    return !companion.row.key.empty() &&
           rules.NeedsOthers(person.facts.registration.sex(), companion.row.relation);
  };
  struct Span {
    internal::CompanionRow row;
    std::int64_t from = 0;
    std::int64_t to = 0;
  };
  std::map<std::string, Span> spans;
  for (const auto& person : persons) {
    for (const auto& companion : person.companions) {
      if (!needed(person, companion)) continue;
      const std::int64_t at = companion.row.recorded_at_ms;
      auto [it, inserted] = spans.try_emplace(companion.row.key);
      if (inserted) {
        it->second = {companion.row, at - window, at + window};
      } else {
        it->second.from = std::min(it->second.from, at - window);
        it->second.to = std::max(it->second.to, at + window);
      }
    }
  }
  std::map<std::string, std::vector<risk::BroughtPerson>> brought;
  for (const auto& [key, span] : spans) {
    std::vector<risk::BroughtPerson> found;
    if (auto read = facts.BroughtBy(span.row, span.from, span.to, found); !read) {
      return read.error();
    }
    brought.emplace(key, std::move(found));
  }
  for (auto& person : persons) {
    for (std::size_t i = 0; i < person.companions.size(); ++i) {
      if (!needed(person, person.companions[i])) continue;
      const auto& row = person.companions[i].row;
      auto& fact = person.facts.companions[i];
      const auto found = brought.find(row.key);
      if (found == brought.end()) continue;
      for (const auto& other : found->second) {
        if (other.recorded_at_ms >= row.recorded_at_ms - window &&
            other.recorded_at_ms <= row.recorded_at_ms + window) {
          fact.others.push_back(other);
        }
      }
    }
  }
  return Success();
}

}  // namespace

RiskReevaluator::RiskReevaluator(db::Connection& connection, base::Clock clock, std::size_t chunk)
    : connection_(connection), clock_(std::move(clock)), chunk_(chunk == 0 ? 1 : chunk) {}

RiskReevaluator::~RiskReevaluator() = default;

Result<std::unique_ptr<RiskReevaluator>> RiskReevaluator::Create(db::Connection& connection,
                                                                 base::Clock clock,
                                                                 std::size_t chunk) {
  std::unique_ptr<RiskReevaluator> reevaluator(new RiskReevaluator(connection, clock, chunk));
  auto assessor = internal::PersonAssessor::Create(connection, std::move(clock));
  if (!assessor) return assessor.error();
  reevaluator->assessor_ = std::move(assessor).value();
  auto reader = internal::ChunkReader::Create(connection);
  if (!reader) return reader.error();
  reevaluator->reader_ = std::move(reader).value();
  return reevaluator;
}

Result<ReevaluationProgress> RiskReevaluator::Pending() {
  auto state = ReadState(connection_);
  if (!state) return state.error();
  ReevaluationProgress progress;
  progress.finished = !state.value().version;
  progress.rule_set_version = state.value().version.value_or("");
  progress.persons_done = state.value().done;
  if (total_ < 0) {
    auto total = db::QueryOne(connection_, "SELECT count(*) FROM persons",
                              [](const db::Statement& row) { return row.ColumnInt64(0); });
    if (!total) return total.error();
    total_ = total.value();
  }
  progress.persons_total = total_;
  return progress;
}

Result<ReevaluationProgress> RiskReevaluator::Step() {
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto pending = Pending();
  if (!pending) return pending.error();
  if (pending.value().finished) {
    if (auto committed = transaction.value().Commit(); !committed) return committed.error();
    return pending;
  }
  auto state = ReadState(connection_);
  if (!state) return state.error();
  auto rules_result = assessor_->Rules();
  if (!rules_result) return rules_result.error();
  const internal::RulesInUse& rules = *rules_result.value();

  std::vector<internal::ChunkPerson> persons;
  if (auto read = reader_->Read(state.value().after, chunk_, rules, persons); !read) {
    return read.error();
  }
  for (auto& person : persons) {
    for (const auto& companion : person.companions) {
      risk::CompanionFact fact;
      fact.relation = companion.row.relation;
      fact.answered_for_person = companion.row.answered_for_person;
      fact.key = companion.row.key;
      fact.recorded_at_ms = companion.row.recorded_at_ms;
      person.facts.companions.push_back(std::move(fact));
      if (companion.key_missing) {
        if (auto indexed = db::Execute(
                connection_,
                "INSERT OR IGNORE INTO companion_description_keys (log_position, companion_key, "
                "person_token, recorded_at_ms) VALUES (?, ?, ?, ?)",
                companion.log_position, companion.row.key, db::Blob(person.token),
                companion.row.recorded_at_ms);
            !indexed) {
          return indexed.error();
        }
      }
    }
    if (!person.assessed) {
      if (auto indexed = assessor_->notices().IndexPerson(person.token, person.facts.registration);
          !indexed) {
        return indexed.error();
      }
    }
  }
  if (rules.recruiter_window_ms() > 0) {
    if (auto filled = FillOthers(assessor_->facts(), rules, persons); !filled) {
      return filled.error();
    }
  }
  const std::int64_t now = clock_();
  v1::RiskAssessment assessment;
  for (const auto& person : persons) {
    risk::Evaluate(rules.rules(), person.facts, now, assessment);
    if (auto recorded = assessor_->Record(person.token, assessment); !recorded) {
      return recorded.error();
    }
  }

  ReevaluationProgress progress = pending.value();
  progress.persons_done += static_cast<std::int64_t>(persons.size());
  progress.finished = persons.size() < chunk_;
  const std::optional<std::string> version =
      progress.finished ? std::nullopt : std::optional(progress.rule_set_version);
  const std::optional<db::Blob> after =
      persons.empty() ? std::nullopt : std::optional(db::Blob(persons.back().token));
  if (auto saved = db::Execute(connection_,
                               "UPDATE risk_reevaluation SET rule_set_version = ?, "
                               "after_token = coalesce(?, after_token), persons_done = ? "
                               "WHERE id = 1",
                               version, after, progress.persons_done);
      !saved) {
    return saved.error();
  }
  if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  return progress;
}

Result<ReevaluationProgress> RiskReevaluator::Run(
    const std::function<void(const ReevaluationProgress&)>& progress) {
  while (true) {
    auto step = Step();
    if (!step) return step.error();
    if (progress) progress(step.value());
    if (step.value().finished) return step;
  }
}

namespace {

/// One chunk on the writer thread, then the next queued behind whatever arrived meanwhile. The
/// re-evaluator lives across the jobs (its statements belong to the writer's connection, which
/// outlives the queue).
void NextChunk(EventWriter& writer, std::shared_ptr<RiskReevaluator> reevaluator,
               std::function<void(const Result<ReevaluationProgress>&)> on_progress) {
  writer.SubmitJob([&writer, reevaluator = std::move(reevaluator),
                    on_progress = std::move(on_progress)](db::Connection&) mutable {
    auto step = reevaluator->Step();
    const bool again = step && !step.value().finished;
    if (on_progress) on_progress(step);
    if (again) NextChunk(writer, std::move(reevaluator), std::move(on_progress));
  });
}

}  // namespace

void ReevaluateOnWriter(EventWriter& writer, base::Clock clock,
                        std::function<void(const Result<ReevaluationProgress>&)> on_progress) {
  writer.SubmitJob([&writer, clock = std::move(clock),
                    on_progress = std::move(on_progress)](db::Connection& connection) mutable {
    auto reevaluator = RiskReevaluator::Create(connection, clock);
    if (!reevaluator) {
      if (on_progress) on_progress(reevaluator.error());
      return;
    }
    std::shared_ptr<RiskReevaluator> shared = std::move(reevaluator).value();
    auto pending = shared->Pending();
    if (!pending || pending.value().finished) {
      if (on_progress) on_progress(pending);
      return;
    }
    NextChunk(writer, std::move(shared), std::move(on_progress));
  });
}

}  // namespace minegate::server::protection
