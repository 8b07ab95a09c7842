// The placeholder page of tests/integration/kiosk_ui_server/static, embedded for the tests.
#pragma once

#include <span>

#include "kiosk/ui/static_files.hpp"

namespace minegate::test::ui {

std::span<const kiosk::ui::StaticFile> TestFiles();

}  // namespace minegate::test::ui
