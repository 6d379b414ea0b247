# Embeds the survey/admin web assets (src/server/web/assets/*.css|*.js, text files) into the
# binary as string constants, like the i18n catalogues; src/server/web/assets.cpp serves them
# under content-hashed names. Re-runs when an asset changes.
function(kn_embed_web_assets target)
  set(out ${PROJECT_BINARY_DIR}/generated/web_assets.cpp)
  file(GLOB files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/server/web/assets/*)
  list(SORT files)
  set(content "// Generated from src/server/web/assets by cmake/EmbedWebAssets.cmake. Do not edit.\n#include <string_view>\n#include <utility>\n#include <vector>\nnamespace kn::web::detail {\nconst std::vector<std::pair<std::string_view, std::string_view>>& embedded_assets() {\n  static const std::vector<std::pair<std::string_view, std::string_view>> assets = {\n")
  foreach(file IN LISTS files)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
    get_filename_component(name ${file} NAME)
    file(READ ${file} text)
    string(APPEND content "    {\"${name}\", R\"KN_ASSET(${text})KN_ASSET\"},\n")
  endforeach()
  string(APPEND content "  };\n  return assets;\n}\n}  // namespace kn::web::detail\n")
  file(CONFIGURE OUTPUT ${out} CONTENT "${content}" @ONLY)
  target_sources(${target} PRIVATE ${out})
endfunction()
