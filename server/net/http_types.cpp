#include "server/net/http_types.hpp"

#include <atomic>

namespace minegate::server::net {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

const std::string* HttpRequest::Header(std::string_view lower_case_name) const {
  const auto it = headers.find(lower_case_name);
  return it == headers.end() ? nullptr : &it->second;
}

std::optional<std::string> HttpRequest::QueryParam(std::string_view name) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    const auto eq = pair.find('=');
    const auto key = PercentDecode(pair.substr(0, eq), true);
    if (!key || *key != name) continue;
    if (eq == std::string_view::npos) return std::string();
    return PercentDecode(pair.substr(eq + 1), true);
  }
  return std::nullopt;
}

std::string_view ToString(StreamEnd end) {
  switch (end) {
    case StreamEnd::kComplete:
      return "complete";
    case StreamEnd::kFailed:
      return "failed";
    case StreamEnd::kClientGone:
      return "client_gone";
    case StreamEnd::kTimedOut:
      return "timed_out";
    case StreamEnd::kStopping:
      return "stopping";
    case StreamEnd::kNotSent:
      return "not_sent";
  }
  return "unknown";
}

struct PieceReady::State {
  explicit State(Deliver deliver_in) : deliver(std::move(deliver_in)) {}
  ~State() {
    if (!called.exchange(true)) deliver(std::string(), PieceStatus::kFailed);
  }
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  Deliver deliver;
  std::atomic<bool> called{false};
};

PieceReady::PieceReady(Deliver deliver) : state_(std::make_shared<State>(std::move(deliver))) {}

void PieceReady::operator()(std::string piece, PieceStatus status) const {
  if (state_->called.exchange(true)) return;
  state_->deliver(std::move(piece), status);
}

HttpResponse HttpResponse::Text(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

HttpResponse HttpResponse::Error(int status, std::string_view french, std::string_view english) {
  std::string body;
  body.reserve(french.size() + english.size() + 4);
  body += french;
  body += " / ";
  body += english;
  body += '\n';
  return Text(status, std::move(body));
}

}  // namespace minegate::server::net
