# The libraries linked into the programs, as the targets every CMakeLists
# names: overstretch::fmt, overstretch::yaml-cpp and overstretch::sqlite3.
#
# With OVERSTRETCH_STATIC_DEPS (the default) they come from Debian's static
# archives, found beside the shared libraries that find_package located (fmt,
# which Debian ships only shared, is used header-only), and the programs link
# libstdc++ and libgcc statically: `overstretch` then loads only libc and libm,
# which roughly halves the dynamic loader's work and the pages a short command
# touches at start (docs/performance.md, "Start-up"). Sanitizer and fuzz
# builds stay dynamic: ASan wants to be first among shared libraries and to
# intercept a shared libstdc++'s allocations.
find_package(yaml-cpp REQUIRED)
find_package(fmt REQUIRED)
find_package(SQLite3 REQUIRED)

option(OVERSTRETCH_STATIC_DEPS
  "Link yaml-cpp, SQLite, fmt (header-only), libstdc++ and libgcc statically (not with the sanitizers)"
  ON)
set(overstretch_static OFF)
if(OVERSTRETCH_STATIC_DEPS AND NOT OVERSTRETCH_SANITIZE AND NOT OVERSTRETCH_FUZZ)
  set(overstretch_static ON)
endif()

# The static archive that sits beside the shared library `imported` was
# found at (Debian: libyaml-cpp.a next to libyaml-cpp.so), in *out.
function(overstretch_archive_beside out imported name)
  get_target_property(location ${imported} LOCATION)
  get_filename_component(dir ${location} DIRECTORY)
  find_library(${out} NAMES lib${name}.a HINTS ${dir} NO_DEFAULT_PATH)
  if(NOT ${out})
    message(FATAL_ERROR "OVERSTRETCH_STATIC_DEPS: no lib${name}.a in ${dir} "
      "(configure with -DOVERSTRETCH_STATIC_DEPS=OFF to link the shared library)")
  endif()
endfunction()

add_library(overstretch_fmt INTERFACE)
add_library(overstretch::fmt ALIAS overstretch_fmt)
add_library(overstretch_yaml_cpp INTERFACE)
add_library(overstretch::yaml-cpp ALIAS overstretch_yaml_cpp)
add_library(overstretch_sqlite3 INTERFACE)
add_library(overstretch::sqlite3 ALIAS overstretch_sqlite3)

if(overstretch_static)
  target_link_libraries(overstretch_fmt INTERFACE fmt::fmt-header-only)

  overstretch_archive_beside(OVERSTRETCH_YAML_CPP_ARCHIVE yaml-cpp yaml-cpp)
  get_target_property(yaml_include yaml-cpp INTERFACE_INCLUDE_DIRECTORIES)
  target_link_libraries(overstretch_yaml_cpp INTERFACE ${OVERSTRETCH_YAML_CPP_ARCHIVE})
  if(yaml_include)
    target_include_directories(overstretch_yaml_cpp SYSTEM INTERFACE ${yaml_include})
  endif()

  overstretch_archive_beside(OVERSTRETCH_SQLITE3_ARCHIVE SQLite::SQLite3 sqlite3)
  # The archive's own dependencies, which the shared library records itself.
  target_link_libraries(overstretch_sqlite3 INTERFACE ${OVERSTRETCH_SQLITE3_ARCHIVE}
    Threads::Threads ${CMAKE_DL_LIBS} m)
  target_include_directories(overstretch_sqlite3 SYSTEM INTERFACE ${SQLite3_INCLUDE_DIRS})
else()
  target_link_libraries(overstretch_fmt INTERFACE fmt::fmt)
  target_link_libraries(overstretch_yaml_cpp INTERFACE yaml-cpp)
  target_link_libraries(overstretch_sqlite3 INTERFACE SQLite::SQLite3)
endif()

# Link options for the programs users run (overstretch, overstretch-mpi):
# the C++ runtime inside them, unused sections dropped, and the code that
# short commands run placed together (cmake/startup_order.ld, written by
# bench/startup_order.py: the kernel maps a program's pages 16 at a time
# around each fault, so scattered start-up code is resident memory). Tests
# and benchmarks keep the shared runtime (Google Benchmark, a shared library
# in Debian, loads it anyway).
include(CheckLinkerFlag)
check_linker_flag(CXX "-Wl,-z,pack-relative-relocs" OVERSTRETCH_HAVE_PACK_RELATIVE_RELOCS)
# Valgrind names no function in a second text section: configure with
# -DOVERSTRETCH_STARTUP_ORDER=OFF for callgrind profiles by function, and to
# run bench/startup_order.py.
option(OVERSTRETCH_STARTUP_ORDER
  "Place the code short commands run together (cmake/startup_order.ld; static builds only)" ON)
set(overstretch_startup_order ${PROJECT_SOURCE_DIR}/cmake/startup_order.ld)
set(overstretch_order OFF)
if(overstretch_static AND OVERSTRETCH_STARTUP_ORDER)
  check_linker_flag(CXX "LINKER:-T,${overstretch_startup_order}" OVERSTRETCH_HAVE_STARTUP_ORDER)
  set(overstretch_order ${OVERSTRETCH_HAVE_STARTUP_ORDER})
endif()
function(overstretch_program target)
  if(overstretch_static)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc -Wl,--gc-sections
      $<$<BOOL:${OVERSTRETCH_HAVE_PACK_RELATIVE_RELOCS}>:-Wl,-z,pack-relative-relocs>)
  endif()
  if(overstretch_order)
    target_link_options(${target} PRIVATE LINKER:-T,${overstretch_startup_order})
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${overstretch_startup_order})
  endif()
endfunction()

# Called at the top of the folders whose code goes into the programs (engine,
# actors, tools): each function and datum in a section of its own, so that
# the programs' --gc-sections drops the unused ones, not only unused archive
# members. Tests and benchmarks are not linked that way and keep the flags
# they had.
function(overstretch_program_code)
  if(overstretch_static)
    add_compile_options(-ffunction-sections -fdata-sections)
  endif()
endfunction()
