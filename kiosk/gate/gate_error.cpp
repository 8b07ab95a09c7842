#include "kiosk/gate/gate_error.hpp"

#include <string>

#include "base/error_category.hpp"

namespace minegate::kiosk::gate {
const boost::system::error_category& GateCategory() {
  static const base::ErrorCategory category = base::ErrorCategory::Of<GateErrc>(
      "minegate.kiosk.gate",
      {{GateErrc::not_enrolled,
        "borne non inscrite auprès du serveur / kiosk not enrolled with the server"},
       {GateErrc::seal_failed,
        "scellement des données personnelles impossible / personal data could not be sealed"},
       {GateErrc::key_file,
        "clé de l'appareil absente ou illisible / device key missing or unreadable"}});
  return category;
}

boost::system::error_code make_error_code(GateErrc e) {
  return {static_cast<int>(e), GateCategory()};
}

}  // namespace minegate::kiosk::gate
