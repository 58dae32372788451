// libFuzzer target: one message from a browser to the classroom server.
#include <string>

#include "tests/fuzz/fuzz_support.h"
#include "tools/classroom/serve/protocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string error;
  (void)overstretch::serve::ParseClientMessage(overstretch::fuzz::Text(data, size), &error);
  return 0;
}
