// Reading a whole input file under a size limit. Memory grows with what the
// file holds, not with the limit (no limit-sized buffer is zero-filled for a
// small file), and an endless file such as /dev/zero ends one chunk past the
// limit.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace overstretch {

// Reads `in` into *text until its end or until more than `limit` bytes were
// read (then text->size() > limit and the caller reports the file as too
// large). False if the stream failed other than by ending.
bool ReadBounded(std::istream& in, std::size_t limit, std::string* text);

}  // namespace overstretch
