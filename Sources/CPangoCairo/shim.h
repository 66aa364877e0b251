// Pango lays out text, Cairo draws it into PDF, HarfBuzz answers "does this face have a glyph for it".
#include <pango/pangocairo.h>
#include <cairo/cairo-pdf.h>
#include <hb.h>
