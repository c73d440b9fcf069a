# src/publish.mk — included by Makefile.am; owned by the publish work:
# sending the graph to a SPARQL 1.1 Graph Store (src/publish.c) or through
# Virtuoso's bulk loader (src/publish-loader.c, src/publish-isql.c), the
# `publish` command, the private Virtuoso used to test and measure it.

libnieuwsgraaf_la_SOURCES += src/publish.c src/publish-loader.c src/publish-isql.c \
	src/publish-private.h
noinst_HEADERS += include/nieuwsgraaf/publish.h
nieuwsgraaf_SOURCES += src/cli/cmd-publish.c

# tests/publish.sh starts its own Virtuoso (scripts/virtuoso) and reports
# SKIP when virtuoso-t is not installed.
NG_E2E_TESTS += tests/publish.sh
EXTRA_DIST += scripts/virtuoso scripts/bench-publish \
	$(wildcard $(srcdir)/examples/queries/publish-*.rq)

# A measurement, not a test: publish a store of ~1.3M triples (merged and
# article graphs) into a private Virtuoso, next to Virtuoso's own bulk
# loader and rapper's parse of the same N-Quads (scripts/bench-publish).
bench-publish: nieuwsgraaf
	@NG_BIN='$(abs_top_builddir)/nieuwsgraaf' NG_DATA_DIR='$(abs_top_srcdir)/ontology' \
	  $(SHELL) '$(srcdir)/scripts/bench-publish'
.PHONY: bench-publish

# the loader's checks and error reports, with a stand-in isql (no server)
NG_UNIT_TESTS += tests/test-publish
tests_test_publish_LDADD = $(NG_LIBS)
