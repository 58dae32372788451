// The pages of `overstretch serve`, compiled into the program: no file or
// network resource is needed at run time. One page serves every role; what
// it shows comes from the views the server sends (room_views.cc).
#pragma once

#include <string_view>

namespace overstretch::serve {

// The game page: HTML with its CSS and JavaScript inline.
std::string_view GamePage();
// The landing page: a form asking for a join code.
std::string_view JoinPage();

}  // namespace overstretch::serve
