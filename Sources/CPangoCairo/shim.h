// Pango lays out text, Cairo draws it into PDF, HarfBuzz answers "does this face have a glyph for it";
// hb-subset rewrites the CFF font programs Cairo embeds without their subroutines (`LeanFonts`);
// zlib reopens the page content streams Cairo compressed, to mark page furniture as artifacts.
#include <pango/pangocairo.h>
#include <cairo/cairo-pdf.h>
#include <hb.h>
#include <hb-subset.h>
#include <zlib.h>
