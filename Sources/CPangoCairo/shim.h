// Pango lays out text, Cairo draws it into PDF, HarfBuzz answers "does this face have a glyph for it";
// hb-subset rewrites the CFF font programs Cairo embeds without their subroutines (`LeanFonts`);
// zlib compresses the streams the PDF writer finishes; fontconfig is initialised once before documents
// are rendered on several threads.
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <cairo/cairo-pdf.h>
#include <hb.h>
#include <hb-subset.h>
#include <zlib.h>
