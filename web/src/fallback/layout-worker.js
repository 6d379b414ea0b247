// Embedded instead of the layout worker bundle when KN_WEB_BUNDLE=OFF (no map UI in this build).
