#include "engine/bounded_read.h"

#include <array>

namespace overstretch {

bool ReadBounded(std::istream& in, std::size_t limit, std::string* text) {
  text->clear();
  std::array<char, 64 * 1024> chunk;
  while (text->size() <= limit) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    text->append(chunk.data(), got);
    if (got < chunk.size()) break;
  }
  return !in.bad();
}

}  // namespace overstretch
