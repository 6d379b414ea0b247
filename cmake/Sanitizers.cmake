# Address + undefined-behaviour sanitizers for the asan-ubsan preset.
option(KN_SANITIZE "Build with AddressSanitizer and UBSan" OFF)
if(KN_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
