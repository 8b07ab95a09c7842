// KioskController: what the page asks.
#include "kiosk/gate/internal/replies.hpp"
#include "kiosk/gate/kiosk_controller.hpp"

namespace minegate::kiosk::gate {
using internal::Ok;
using internal::Refused;
using internal::Rejected;
using internal::StorageRefused;

void KioskController::OnUiRequest(ClientId client, const v1::UiRequest& request) {
  v1::UiReply reply = HandleRequest(request);
  reply.set_request_id(request.request_id());
  v1::UiUpdate update;
  *update.mutable_reply() = std::move(reply);
  ports_.send(client, update);
  // Requests that change nothing visible (Activity) need no new state.
  if (request.request_case() != v1::UiRequest::kActivity) Broadcast();
}

v1::UiReply KioskController::HandleRequest(const v1::UiRequest& request) {
  const std::int64_t now = ports_.now_ms();
  switch (request.request_case()) {
    case v1::UiRequest::kSetLanguage:
      if (request.set_language().language() != v1::LANGUAGE_FRENCH &&
          request.set_language().language() != v1::LANGUAGE_ENGLISH) {
        return Refused(v1::UI_ERROR_CODE_BAD_REQUEST);
      }
      language_ = request.set_language().language();
      if (auto set = settings_.Set("language", language_ == v1::LANGUAGE_ENGLISH ? "en" : "fr");
          !set) {
        return StorageRefused(set.error());
      }
      Touch();
      return Ok();
    case v1::UiRequest::kSignIn:
      return SignIn(request.sign_in());
    case v1::UiRequest::kRefreshSync:
      if (!agent_) return Refused(v1::UI_ERROR_CODE_NOT_SIGNED_IN);
      Touch();
      RefreshSync();
      return Ok();
    default:
      break;
  }
  if (!agent_) return Refused(v1::UI_ERROR_CODE_NOT_SIGNED_IN);
  Touch();
  switch (request.request_case()) {
    case v1::UiRequest::kSignOut:
      SignOut();
      return Ok();
    case v1::UiRequest::kActivity:
      return Ok();
    case v1::UiRequest::kSetMode:
      return SetMode(request.set_mode().mode());
    case v1::UiRequest::kSetDirection:
      if (request.set_direction().direction() != v1::DIRECTION_IN &&
          request.set_direction().direction() != v1::DIRECTION_OUT) {
        return Refused(v1::UI_ERROR_CODE_BAD_REQUEST);
      }
      if (!Allowed(v1::KIOSK_MODE_GATE)) return Refused(v1::UI_ERROR_CODE_NOT_ALLOWED);
      direction_ = request.set_direction().direction();
      if (auto set = settings_.Set("direction", direction_ == v1::DIRECTION_OUT ? "out" : "in");
          !set) {
        return StorageRefused(set.error());
      }
      return Ok();
    case v1::UiRequest::kStartRegistration:
      return StartRegistration();
    case v1::UiRequest::kSaveDraft:
      return SaveDraft(request.save_draft().draft());
    case v1::UiRequest::kSubmitRegistration:
      return SubmitRegistration();
    case v1::UiRequest::kCancelRegistration:
      return CancelRegistration();
    case v1::UiRequest::kArmCompanionTap:
      if (!Allowed(v1::KIOSK_MODE_REGISTRATION)) return Refused(v1::UI_ERROR_CODE_NOT_ALLOWED);
      return registration_.ArmCompanion();
    case v1::UiRequest::kChooseCampaign:
      return ChooseCampaign(request.choose_campaign().campaign_id());
    case v1::UiRequest::kArmSeizure:
      return ArmSeizure(request.arm_seizure());
    case v1::UiRequest::kStartReplacement:
      return StartReplacement(request.start_replacement());
    case v1::UiRequest::kSearchPerson:
      return SearchPerson(request.search_person());
    case v1::UiRequest::kChooseCandidate:
      return ChooseCandidate(request.choose_candidate());
    case v1::UiRequest::kCancelBraceletService:
      return CancelBraceletService();
    case v1::UiRequest::kChoosePoliceReason:
      return ChoosePoliceReason(request.choose_police_reason());
    case v1::UiRequest::kClearPoliceHistory:
      return ClearPoliceHistory();
    default:
      (void)now;
      return Refused(v1::UI_ERROR_CODE_BAD_REQUEST);
  }
}

v1::UiReply KioskController::SignIn(const v1::SignIn& request) {
  if (!identity_ || device_key_ == nullptr) return Refused(v1::UI_ERROR_CODE_NOT_ENROLLED);
  std::string user_id = request.user_id();
  if (request.staff_card()) {
    if (!staff_card_agent_ || ports_.now_ms() - staff_card_at_ms_ > kStaffCardValidMs) {
      return Refused(v1::UI_ERROR_CODE_UNKNOWN_AGENT);
    }
    user_id = staff_card_agent_->user_id();
  }
  // Always the roster as it is now: a card tapped before a roster change does
  // not carry the old PIN or a disabled agent along.
  auto found = lists_.AgentById(user_id);
  if (!found) return StorageRefused(found.error());
  std::optional<v1::Agent> agent = found.value();
  if (!agent || (agent->role() != v1::AGENT_ROLE_GATE_AGENT &&
                 agent->role() != v1::AGENT_ROLE_EMAPE_OFFICIAL &&
                 agent->role() != v1::AGENT_ROLE_BORDER_POLICE)) {
    return Refused(v1::UI_ERROR_CODE_UNKNOWN_AGENT);
  }
  auto outcome = guard_.Attempt(*agent, request.pin(), ports_.now_ms());
  if (!outcome) return StorageRefused(outcome.error());
  if (outcome.value().error != v1::UI_ERROR_CODE_UNSPECIFIED) {
    v1::UiReply reply = Refused(outcome.value().error);
    reply.set_attempts_left(outcome.value().attempts_left);
    reply.set_locked_until_ms(outcome.value().locked_until_ms);
    return reply;
  }
  if (!agent_ || agent_->user_id() != outcome.value().agent->user_id()) ResetAgentWork();
  agent_ = outcome.value().agent;
  staff_card_agent_.reset();
  Touch();
  if (!Allowed(mode_)) {
    switch (agent_->role()) {
      case v1::AGENT_ROLE_EMAPE_OFFICIAL:
        mode_ = v1::KIOSK_MODE_CENSUS;
        break;
      case v1::AGENT_ROLE_BORDER_POLICE:
        mode_ = v1::KIOSK_MODE_POLICE;
        break;
      default:
        mode_ = v1::KIOSK_MODE_GATE;
        break;
    }
  }
  if (mode_ == v1::KIOSK_MODE_POLICE && !police_) police_ = PoliceDesk{};
  // A registration left by a restart or an earlier agent continues on its screen.
  if (registration_.open() && Allowed(v1::KIOSK_MODE_REGISTRATION)) {
    mode_ = v1::KIOSK_MODE_REGISTRATION;
  }
  return Ok();
}

void KioskController::SignOut() {
  agent_.reset();
  staff_card_agent_.reset();
  ResetAgentWork();
  idle_deadline_ms_ = 0;
  Broadcast();
}

v1::UiReply KioskController::SetMode(v1::KioskMode mode) {
  if (!v1::KioskMode_IsValid(mode) || mode == v1::KIOSK_MODE_UNSPECIFIED) {
    return Refused(v1::UI_ERROR_CODE_BAD_REQUEST);
  }
  if (!Allowed(mode)) return Refused(v1::UI_ERROR_CODE_NOT_ALLOWED);
  mode_ = mode;
  registration_.DisarmCompanion();
  miner_person_token_.reset();
  card_issue_.reset();
  // Entering the bracelet service starts at its menu; leaving it forgets it.
  if (mode == v1::KIOSK_MODE_BRACELETS) {
    service_ = BraceletService{};
  } else {
    service_.reset();
  }
  // The police desk starts at its reason; leaving the mode forgets what was shown.
  if (mode == v1::KIOSK_MODE_POLICE) {
    police_ = PoliceDesk{};
  } else {
    police_.reset();
  }
  return Ok();
}

v1::UiReply KioskController::StartRegistration() {
  if (!Allowed(v1::KIOSK_MODE_REGISTRATION)) return Refused(v1::UI_ERROR_CODE_NOT_ALLOWED);
  if (!identity_ || device_key_ == nullptr) return Refused(v1::UI_ERROR_CODE_NOT_ENROLLED);
  mode_ = v1::KIOSK_MODE_REGISTRATION;
  return registration_.Start(ports_.now_ms());
}

v1::UiReply KioskController::SaveDraft(const v1::RegistrationDraft& incoming) {
  if (!Allowed(v1::KIOSK_MODE_REGISTRATION)) return Refused(v1::UI_ERROR_CODE_NOT_ALLOWED);
  return registration_.Save(incoming, ports_.now_ms());
}

v1::UiReply KioskController::SubmitRegistration() {
  if (!Allowed(v1::KIOSK_MODE_REGISTRATION)) return Refused(v1::UI_ERROR_CODE_NOT_ALLOWED);
  if (!registration_.open()) return Refused(v1::UI_ERROR_CODE_NO_REGISTRATION);
  if (!identity_ || device_key_ == nullptr) return Refused(v1::UI_ERROR_CODE_NOT_ENROLLED);
  v1::UiReply reply = registration_.Submit(ports_.now_ms());
  if (reply.ok()) mode_ = v1::KIOSK_MODE_REGISTRATION;
  return reply;
}

v1::UiReply KioskController::CancelRegistration() {
  if (!Allowed(v1::KIOSK_MODE_REGISTRATION)) return Refused(v1::UI_ERROR_CODE_NOT_ALLOWED);
  v1::UiReply reply = registration_.Cancel();
  // Any write under way is dropped with it: a registration's has nothing left to complete.
  if (reply.ok()) pending_write_.reset();
  return reply;
}

v1::UiReply KioskController::ChooseCampaign(const std::string& campaign_id) {
  if (!Allowed(v1::KIOSK_MODE_CENSUS)) return Refused(v1::UI_ERROR_CODE_NOT_ALLOWED);
  auto campaigns = lists_.Campaigns();
  if (!campaigns) return StorageRefused(campaigns.error());
  const std::int64_t now = ports_.now_ms();
  for (const v1::CensusCampaign& campaign : campaigns.value()) {
    if (campaign.campaign_id() != campaign_id) continue;
    if (now < campaign.opens_at_ms() || now >= campaign.closes_at_ms()) {
      return Refused(v1::UI_ERROR_CODE_CAMPAIGN_CLOSED);
    }
    if (auto set = settings_.Set("campaign", campaign_id); !set) return StorageRefused(set.error());
    campaign_id_ = campaign_id;
    mode_ = v1::KIOSK_MODE_CENSUS;
    return Ok();
  }
  return Refused(v1::UI_ERROR_CODE_UNKNOWN_CAMPAIGN);
}

void KioskController::RefreshSync() {
  if (!ports_.fetch_reconcile) return;
  ports_.fetch_reconcile([this](std::optional<v1::ReconcileReport> report) {
    server_report_failed_ = !report.has_value();
    if (report) {
      server_report_ = std::move(report);
      server_report_at_ms_ = ports_.now_ms();
    }
    Broadcast();
  });
}

}  // namespace minegate::kiosk::gate
