# All third-party dependencies come from Debian packages (scripts/install-deps.sh).
# Debian's igraph CMake config lists the static-only dependencies (arpack, glpk, plfit .so files
# that the -dev package does not pull in); pkg-config links the shared library alone.
find_package(PkgConfig REQUIRED)
pkg_check_modules(IGRAPH REQUIRED IMPORTED_TARGET igraph>=0.10)
find_package(pugixml REQUIRED CONFIG)
find_package(nlohmann_json 3.10 REQUIRED CONFIG)
find_package(CLI11 REQUIRED CONFIG)
find_package(fmt REQUIRED CONFIG)
find_package(Threads REQUIRED)
# Storage: SQLite (embedded default) and PostgreSQL via libpq.
find_package(SQLite3 REQUIRED)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
# Server: Boost.Beast/Asio (header-only), libsodium (Argon2id, tokens), libzip (xlsx import).
find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS headers)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
# Report: libxlsxwriter (the xlsx report; Debian's libxlsxwriter-dev).
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
if(KN_BUILD_TESTS)
  find_package(GTest REQUIRED CONFIG)
endif()
if(KN_BUILD_BENCH)
  find_package(benchmark REQUIRED CONFIG)
endif()
