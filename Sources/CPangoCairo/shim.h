// Pango lays out text, Cairo draws it into PDF, HarfBuzz answers "does this face have a glyph for it";
// zlib reopens the page content streams Cairo compressed, to mark page furniture as artifacts.
#include <pango/pangocairo.h>
#include <cairo/cairo-pdf.h>
#include <hb.h>
#include <zlib.h>
