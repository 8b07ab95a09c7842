#pragma once
/// The words a protection officer reads for the values of indicators, French and English, and
/// the stable machine names stored beside them.

#include <string_view>

#include "minegate/v1/events.pb.h"
#include "minegate/v1/risk.pb.h"

namespace minegate::server::risk::internal {

struct Words {
  std::string_view machine;
  std::string_view fr;
  std::string_view en;
};

Words RelationWords(v1::CompanionRelation relation);
Words HolderWords(v1::DocumentHolder holder);
Words JobWords(v1::PromisedJob job);
Words NoticeKindWords(v1::SearchNoticeKind kind);
Words MatchMethodWords(v1::SearchNoticeMatchMethod method);
/// A language's name for the common codes of the region; the code itself (all three forms)
/// otherwise.
Words LanguageWords(std::string_view code);

}  // namespace minegate::server::risk::internal
