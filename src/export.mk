# src/export.mk — included by Makefile.am; owned by the export work: the view
# model and writers (src/export/), the visual view (src/web.c, web/), their
# tests.

libnieuwsgraaf_la_SOURCES += \
	src/export/view.c \
	src/export/view-graph.c \
	src/export/export.c \
	src/export/write-graphml.c \
	src/export/write-gexf.c \
	src/export/write-dot.c \
	src/export/write-csv.c \
	src/export/write-cytoscape.c \
	src/export/write-jsonld.c \
	src/export/write-html.c
noinst_HEADERS += include/nieuwsgraaf/export.h src/export/export-util.h

# ---------------------------------------------------------------- web assets
# The HTML view inlines Cytoscape.js, installed from the npm registry with
# `npm ci` (versions pinned by web/package-lock.json) into the build tree —
# never the source tree, which `make distcheck` makes read-only — and compiled
# with the template, styles and script into the library as a GResource.
NPM = npm
GLIB_COMPILE_RESOURCES = glib-compile-resources
NG_WEB_ASSETS = web/graph.html web/graph.css web/graph.js
NG_WEB_LIB = web/node_modules/cytoscape/dist/cytoscape.min.js

nodist_libnieuwsgraaf_la_SOURCES = src/export/web-resources.c
BUILT_SOURCES = src/export/web-resources.c
CLEANFILES = src/export/web-resources.c

$(NG_WEB_LIB): $(srcdir)/web/package.json $(srcdir)/web/package-lock.json
	$(AM_V_GEN)$(MKDIR_P) web && \
	if test ! web/package.json -ef $(srcdir)/web/package.json; then \
	  cp $(srcdir)/web/package.json $(srcdir)/web/package-lock.json web/ && \
	  chmod u+w web/package.json web/package-lock.json; \
	fi && \
	(cd web && $(NPM) ci --no-audit --no-fund --ignore-scripts --loglevel=error) && \
	test -f $@ && touch $@

src/export/web-resources.c: $(srcdir)/web/nieuwsgraaf-web.gresource.xml \
		$(addprefix $(srcdir)/,$(NG_WEB_ASSETS)) $(NG_WEB_LIB)
	$(AM_V_GEN)$(MKDIR_P) src/export && \
	$(GLIB_COMPILE_RESOURCES) --generate-source --c-name ng_web \
	  --sourcedir=$(srcdir)/web --sourcedir=web/node_modules/cytoscape/dist \
	  --target=$@ $(srcdir)/web/nieuwsgraaf-web.gresource.xml

distclean-local: export-distclean-local
export-distclean-local:
	-rm -rf web/node_modules
	-if test ! web/package.json -ef $(srcdir)/web/package.json; then \
	  rm -f web/package.json web/package-lock.json; \
	  rmdir web 2>/dev/null; \
	fi
.PHONY: export-distclean-local

EXTRA_DIST += web/package.json web/package-lock.json \
	web/nieuwsgraaf-web.gresource.xml $(NG_WEB_ASSETS)

# ---------------------------------------------------------------- tests
NG_UNIT_TESTS += tests/test-export
tests_test_export_LDADD = $(NG_LIBS)
NG_E2E_TESTS += tests/exports.sh tests/graph-page.sh
