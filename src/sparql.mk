# src/sparql.mk — included by Makefile.am; owned by the sparql work: the
# SPARQL engine (src/sparql/), its tests and the W3C measurement.
libnieuwsgraaf_la_SOURCES += \
	src/sparql/engine.c \
	src/sparql/pattern.c \
	src/sparql/paths.c \
	src/sparql/bag.c \
	src/sparql/expr.c \
	src/sparql/builtins.c \
	src/sparql/solve.c \
	src/sparql/term.c \
	src/sparql/write.c \
	src/sparql/update-parse.c \
	src/sparql/update.c \
	src/curation.c \
	src/sparql/endpoint-workers.c \
	src/sparql/endpoint-page.c \
	src/sparql/endpoint-describe.c

# nieuwsgraaf update: SPARQL Update of a store through its curation log.
nieuwsgraaf_SOURCES += src/cli/cmd-update.c

noinst_HEADERS += \
	include/nieuwsgraaf/sparql.h \
	include/nieuwsgraaf/curation.h \
	src/sparql/eval.h \
	src/sparql/update-private.h \
	src/sparql/rasqal-private.h \
	src/sparql/endpoint.h

NG_UNIT_TESTS += tests/test-sparql tests/test-paths tests/test-update
tests_test_sparql_LDADD = $(NG_LIBS)
tests_test_paths_LDADD = $(NG_LIBS)
noinst_HEADERS += tests/sparql-fixture.h
tests_test_update_LDADD = $(NG_LIBS)

# The W3C SPARQL test suites: a measurement, not part of make check.
EXTRA_PROGRAMS += tests/w3c-runner
tests_w3c_runner_LDADD = $(NG_LIBS)
W3C_TESTS ?= $(SHARED)/w3c-sparql-tests
w3c: tests/w3c-runner$(EXEEXT)
	./tests/w3c-runner $(W3C_FLAGS) '$(W3C_TESTS)/sparql10/manifest-evaluation.ttl' \
	  '$(W3C_TESTS)/sparql11/manifest-sparql11-query.ttl' \
	  '$(W3C_TESTS)/sparql11/manifest-sparql11-update.ttl'
.PHONY: w3c

# Generated queries answered by nieuwsgraaf and rdflib must agree.
NG_E2E_TESTS += tests/differential.sh
EXTRA_DIST += tests/differential.py tests/w3c-runner.c

# The example queries of the query page, also run by the tests.
examplequeriesdir = $(pkgdatadir)/examples/queries
dist_examplequeries_DATA = \
	examples/queries/who-met-whom.rq \
	examples/queries/meetings-kim-jong-un.rq \
	examples/queries/sanctions-north-korea.rq

# SPARQL Update through the endpoint (token, curation log, restarts and
# rebuilds) and nieuwsgraaf update.
NG_E2E_TESTS += tests/update.sh

# Real clients (curl, SPARQLWrapper, rdflib SPARQLStore, roqet -p) against
# the endpoint.
NG_E2E_TESTS += tests/clients.sh

# Latency of the example queries on a synthetic graph (BENCH_TRIPLES, 1M by
# default), next to roqet's on the same Turtle: a measurement.
EXTRA_PROGRAMS += tests/bench-sparql
tests_bench_sparql_LDADD = $(NG_LIBS)
EXTRA_DIST += tests/bench-sparql.c tests/bench-data.py
BENCH_TRIPLES ?= 1000000
bench-sparql: tests/bench-sparql$(EXEEXT)
	/usr/bin/python3 '$(srcdir)/tests/bench-data.py' $(BENCH_TRIPLES) > bench-data.ttl
	./tests/bench-sparql bench-data.ttl $(srcdir)/examples/queries/who-met-whom.rq \
	  $(srcdir)/examples/queries/meetings-kim-jong-un.rq $(srcdir)/examples/queries/sanctions-north-korea.rq
	@for q in who-met-whom meetings-kim-jong-un sanctions-north-korea; do \
	  { sed -n 's/^/PREFIX /p' /dev/null; printf 'PREFIX ng: <https://w3id.org/nieuwsgraaf/ontology#>\nPREFIX schema: <http://schema.org/>\nPREFIX owl: <http://www.w3.org/2002/07/owl#>\nPREFIX wd: <http://www.wikidata.org/entity/>\n'; cat '$(srcdir)/examples/queries/'$$q.rq; } > bench-$$q.rq; \
	  s=$$(date +%s.%N); $(ROQET) -q -i sparql -D bench-data.ttl -r csv bench-$$q.rq > bench-$$q.roqet.csv 2>/dev/null; e=$$(date +%s.%N); \
	  echo "roqet $$q: $$(($$(wc -l < bench-$$q.roqet.csv) - 1)) rows, $$(echo "($$e - $$s) * 1000" | bc) ms (including parsing the data)"; \
	done
.PHONY: bench-sparql
