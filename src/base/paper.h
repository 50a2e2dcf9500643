// Paper sizes: chosen by the spec ([layout] paper), laid out by layout/.
#pragma once

namespace gz {

enum class Paper { A4, Letter };

}  // namespace gz
