#include "kiosk/gate/gate_error.hpp"

#include <string>

namespace minegate::kiosk::gate {
namespace {

class Category final : public boost::system::error_category {
 public:
  const char* name() const noexcept override { return "minegate.kiosk.gate"; }
  std::string message(int value) const override {
    switch (static_cast<GateErrc>(value)) {
      case GateErrc::not_enrolled:
        return "borne non inscrite auprès du serveur / kiosk not enrolled with the server";
      case GateErrc::seal_failed:
        return "scellement des données personnelles impossible / "
               "personal data could not be sealed";
      case GateErrc::key_file:
        return "clé de l'appareil absente ou illisible / device key missing or unreadable";
    }
    return "erreur de borne inconnue / unknown kiosk error";
  }
};

}  // namespace

const boost::system::error_category& GateCategory() {
  static const Category category;
  return category;
}

boost::system::error_code make_error_code(GateErrc e) {
  return {static_cast<int>(e), GateCategory()};
}

}  // namespace minegate::kiosk::gate
