#include "server/census/campaign_lists.hpp"

#include "base/hex.hpp"
#include "server/census/campaign_results.hpp"
#include "server/census/internal/observed_persons.hpp"

namespace minegate::server::census {
namespace {

constexpr char kSeparator = '\x1f';

std::string PositionOf(const ListedPerson& person) {
  return person.family_name + kSeparator + person.given_name + kSeparator +
         base::ToHex(person.person_token);
}

std::optional<internal::ListPosition> ParsePosition(std::string_view text) {
  const auto first = text.find(kSeparator);
  if (first == std::string_view::npos) return std::nullopt;
  const auto second = text.find(kSeparator, first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  auto token = base::FromHex(text.substr(second + 1));
  if (!token) return std::nullopt;
  return internal::ListPosition{std::string(text.substr(0, first)),
                                std::string(text.substr(first + 1, second - first - 1)),
                                std::move(*token)};
}

}  // namespace

Result<ListPage> ReadCampaignList(db::Connection& connection, std::string_view campaign_id,
                                  CampaignList list, std::string_view after_position,
                                  std::size_t limit) {
  std::optional<internal::ListPosition> after;
  if (!after_position.empty()) {
    after = ParsePosition(after_position);
    if (!after) return Errc::bad_list_position;
  }
  auto campaign = FindCampaign(connection, campaign_id);
  if (!campaign) return campaign.error();
  // One more than the page: whether another follows.
  auto found =
      internal::ListObserved(connection, campaign_id, campaign.value().opens_at_ms,
                             list == CampaignList::kMinors ? internal::ListFilter::kMinors
                                                           : internal::ListFilter::kCardCandidates,
                             after, limit + 1);
  if (!found) return found.error();
  ListPage page;
  for (internal::ObservedPerson& person : found.value()) {
    if (page.persons.size() == limit) {
      page.next_position = PositionOf(page.persons.back());
      break;
    }
    ListedPerson& listed = page.persons.emplace_back();
    listed.person_token = std::move(person.person_token);
    listed.given_name = std::move(person.given_name);
    listed.family_name = std::move(person.family_name);
    listed.sex = person.sex;
    listed.age_years = person.age_years.value_or(0);
    listed.age_approximate = person.age_approximate;
    listed.birth_year = person.birth_year;
    listed.nationality = std::move(person.nationality);
    listed.occupation = person.occupation;
    listed.site_id = person.site_id;
    listed.observed_at_ms = person.observed_at_ms;
  }
  return page;
}

}  // namespace minegate::server::census
