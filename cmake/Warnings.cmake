# Compiler warnings for every KlimaNetze target. KN_WERROR turns them into errors (on in CI).
option(KN_WERROR "Treat warnings as errors" OFF)
function(kn_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion -Wnull-dereference
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
  if(KN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
