// The people of the silent-flag test, as gate agents register them at two kiosks: a girl of
// 15 brought by an "employer" who holds her identity document and answered in her place; a
// recruiter and the three young women he brought (one of them sought by a missing-person
// notice under a misspelled name); ordinary miners, a trader with her husband, and at the
// second site two more ordinary people. Dates are relative to the run's clock, so the ages and
// windows the rules read hold on any day.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "minegate/v1/events.pb.h"
#include "tests/integration/server/silent_flags/recording_kiosk.hpp"

namespace minegate::test {

struct ScenarioPerson {
  std::string token;  ///< 16 random bytes
  v1::PersonRegistered registration;
  /// What the rules must conclude (checked on the stores before anything is walked).
  bool flagged = false;
  bool urgent = false;
};

class Scenario {
 public:
  /// The persons, registered two days before `now_ms`.
  explicit Scenario(std::int64_t now_ms);

  ScenarioPerson girl;
  ScenarioPerson recruiter;
  std::vector<ScenarioPerson> recruited;  ///< recruited[0] is the one the notice seeks
  std::vector<ScenarioPerson> ordinary;   ///< registered at the first site
  std::vector<ScenarioPerson> elsewhere;  ///< registered at the second site
  /// Her bracelet, and the first recruited woman's.
  std::string girl_bracelet;
  std::string recruited_bracelet;
  /// Every recruited woman's bracelet, in order ([0] is recruited_bracelet).
  std::vector<std::string> recruited_bracelets;
  /// The employer as the agent described him (he has no bracelet).
  std::string employer_description = "Patron Boubacar, boutique de Kharakhena";

  /// The missing-person notice a family filed, for POST /v1/protection/notices (JSON), with
  /// her names misspelled as they were reported.
  std::string NoticeRequestJson() const;
  /// A reception centre, for POST /v1/protection/services (JSON).
  static std::string CareServiceRequestJson();

  /// Every person, in order.
  std::vector<const ScenarioPerson*> Everyone() const;
  std::vector<std::string> Tokens() const;

  /// Bantako's batches: ordinary people; the girl with her employer and her bracelet; the
  /// recruiter and the three women he brought, with their bracelets; taps.
  std::vector<std::vector<v1::Event>> FirstSiteBatches(RecordingKiosk& kiosk) const;
  /// Sabodala's: two ordinary people; the girl's bracelet ten minutes after her tap at
  /// Bantako, 300 km away (a suspected clone for administrators); the first woman a day later.
  std::vector<std::vector<v1::Event>> SecondSiteBatches(RecordingKiosk& kiosk) const;

  std::int64_t registered_at_ms() const { return t0_; }

 private:
  std::int64_t t0_;
};

}  // namespace minegate::test
