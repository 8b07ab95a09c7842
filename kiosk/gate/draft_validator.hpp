// Checks a registration draft before a bracelet is written for it, field by
// field, so the page can say exactly what to fix. The protocol's rules come
// from proto/rules (the very rules the server enforces on PersonRegistered and
// CompanionRecorded: a registration the kiosk accepts must never be refused
// later, when the person is gone); on top, what the form must make the agent
// decide (the companion choice, every protection question once accepted).
#pragma once

#include <cstdint>
#include <vector>

#include "minegate/v1/kiosk_ui.pb.h"

namespace minegate::kiosk::gate {

/// Every problem found (empty when the draft can be recorded). `now_ms` bounds dates.
std::vector<v1::FieldError> ValidateDraft(const v1::RegistrationDraft& draft, std::int64_t now_ms);

/// The problems that block leaving the information step (information read out).
std::vector<v1::FieldError> ValidateInformationStep(const v1::RegistrationDraft& draft);

}  // namespace minegate::kiosk::gate
