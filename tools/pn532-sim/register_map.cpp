#include "tools/pn532-sim/register_map.hpp"

namespace minegate::pn532sim {

std::uint8_t RegisterMap::Read(std::uint16_t address) const {
  if (address == reg::kFifoLevel) return 0;  // the FIFO is never left with data
  const auto it = values_.find(address);
  return it == values_.end() ? 0 : it->second;
}

void RegisterMap::Write(std::uint16_t address, std::uint8_t value) { values_[address] = value; }

void RegisterMap::Reset() {
  values_.clear();
  values_[reg::kTxMode] = reg::kCrcEnable;
  values_[reg::kRxMode] = reg::kCrcEnable;
  values_[reg::kControl] = 0x10;  // initiator
}

}  // namespace minegate::pn532sim
