# src/hardening.mk — included by Makefile.am; owned by the hardening work:
# the bad-input and endpoint-abuse end-to-end tests, the libFuzzer targets
# (`make fuzz`) and their regression test, the benchmark suite (`make bench`).

NG_E2E_TESTS += tests/bad-input.sh tests/abuse.sh

# ---------------------------------------------------------------- fuzzing
# The fuzz targets' entry points also run in `make check`: the regression
# test replays the seed corpora and every crash kept in tests/data/fuzz/.
NG_UNIT_TESTS += tests/test-fuzz-regress
tests_test_fuzz_regress_SOURCES = tests/test-fuzz-regress.c \
	fuzz/fuzz-article.c fuzz/fuzz-date.c fuzz/fuzz-query.c
tests_test_fuzz_regress_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/fuzz \
	-DNG_FUZZ_REGRESS -DNG_FUZZ_SRCDIR='"$(abs_top_srcdir)"'
tests_test_fuzz_regress_LDADD = $(NG_LIBS)
noinst_HEADERS += fuzz/fuzz.h

# fuzz/replay-<target> runs a target's entry point over files without
# libFuzzer or sanitizers: `make bench` times extraction with it.
EXTRA_PROGRAMS += fuzz/replay-article
fuzz_replay_article_SOURCES = fuzz/replay.c fuzz/fuzz-article.c
fuzz_replay_article_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/fuzz \
	-DNG_FUZZ_REGRESS -DNG_FUZZ_ENTRY=ng_fuzz_article
fuzz_replay_article_LDADD = $(NG_LIBS)

# `make fuzz` builds the library sources once more with clang and
# -fsanitize=fuzzer-no-link,address,undefined into fuzz/obj/, links one
# libFuzzer binary per target and runs each for FUZZ_SECONDS, growing a
# working corpus in fuzz/work/<target>/ from the seeds in fuzz/corpus/.  A
# crash stops with the input in fuzz/crashes/; copy it into
# tests/data/fuzz/<target>/ once fixed, and test-fuzz-regress replays it.
FUZZ_CC = clang
FUZZ_SECONDS = 60
# extra libFuzzer flags, e.g. -seed=1 for a reproducible run (CI)
FUZZ_FLAGS =
FUZZ_JOBS = 1
FUZZ_CFLAGS = -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_SANITIZE = address,undefined
FUZZ_TARGETS = article date query
FUZZ_MAX_LEN_article = 8192
FUZZ_MAX_LEN_date = 64
FUZZ_MAX_LEN_query = 4096
FUZZ_COMPILE = $(FUZZ_CC) -std=gnu11 $(DEFS) $(AM_CPPFLAGS) -I$(top_srcdir)/fuzz \
	$(CPPFLAGS) $(GLIB_CFLAGS) $(RAPTOR_CFLAGS) $(RASQAL_CFLAGS) \
	$(REDLAND_CFLAGS) $(SOUP_CFLAGS) $(JSONGLIB_CFLAGS) $(FUZZ_CFLAGS)
FUZZ_LIBS = $(REDLAND_LIBS) $(RASQAL_LIBS) $(RAPTOR_LIBS) $(SOUP_LIBS) $(LIBS) \
	$(JSONGLIB_LIBS) $(GLIB_LIBS) -lm
FUZZ_ENV = NG_DATA_DIR='$(abs_top_srcdir)/ontology' \
	ASAN_OPTIONS=detect_leaks=1:strict_memcmp=0:fast_unwind_on_malloc=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	LSAN_OPTIONS=suppressions='$(abs_top_srcdir)/fuzz/lsan.supp':print_suppressions=0

fuzz/libng-fuzz.a: $(libnieuwsgraaf_la_SOURCES) $(nodist_libnieuwsgraaf_la_SOURCES)
	@$(MKDIR_P) fuzz/obj
	$(AM_V_GEN)set -e; objs=; \
	for s in $(libnieuwsgraaf_la_SOURCES) $(nodist_libnieuwsgraaf_la_SOURCES); do \
	  if test -f "$$s"; then p=$$s; else p=$(srcdir)/$$s; fi; \
	  o=fuzz/obj/`echo "$$s" | sed 's|/|_|g; s|\.c$$|.o|'`; \
	  if test ! -f "$$o" || test "$$p" -nt "$$o"; then \
	    $(FUZZ_COMPILE) -fsanitize=fuzzer-no-link,$(FUZZ_SANITIZE) -c "$$p" -o "$$o"; \
	  fi; \
	  objs="$$objs $$o"; \
	done; \
	rm -f $@; $(AR) cr $@ $$objs

fuzz/fuzz-%: $(srcdir)/fuzz/fuzz-%.c $(srcdir)/fuzz/fuzz.h fuzz/libng-fuzz.a
	$(AM_V_CCLD)$(FUZZ_COMPILE) -fsanitize=fuzzer,$(FUZZ_SANITIZE) \
	  $(srcdir)/fuzz/fuzz-$*.c fuzz/libng-fuzz.a $(FUZZ_LIBS) -o $@

fuzz-build: $(addprefix fuzz/fuzz-,$(FUZZ_TARGETS))

fuzz: fuzz-build
	@failed=; \
	for t in $(FUZZ_TARGETS); do \
	  $(MKDIR_P) fuzz/work/$$t fuzz/crashes; \
	  case $$t in article) n=$(FUZZ_MAX_LEN_article);; date) n=$(FUZZ_MAX_LEN_date);; \
	    *) n=$(FUZZ_MAX_LEN_query);; esac; \
	  echo "fuzz-$$t: $(FUZZ_SECONDS) s (log: fuzz/fuzz-$$t.log)"; \
	  if $(FUZZ_ENV) fuzz/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) \
	       -max_len=$$n -timeout=20 -rss_limit_mb=2560 -jobs=$(FUZZ_JOBS) -workers=$(FUZZ_JOBS) \
	       -artifact_prefix=fuzz/crashes/$$t- -print_final_stats=1 $(FUZZ_FLAGS) \
	       fuzz/work/$$t $(srcdir)/fuzz/corpus/$$t > fuzz/fuzz-$$t.log 2>&1; then \
	    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+.*DONE)' fuzz/fuzz-$$t.log | sed "s/^/  /"; \
	  else \
	    failed="$$failed $$t"; \
	    grep -E 'ERROR|runtime error|SUMMARY|Test unit written|^artifact_prefix' fuzz/fuzz-$$t.log | head -8 | sed "s/^/  /"; \
	  fi; \
	done; \
	if test -n "$$failed"; then \
	  echo "fuzz: crashes in:$$failed — inputs in fuzz/crashes/; once fixed, copy them to tests/data/fuzz/<target>/"; \
	  exit 1; \
	fi

clean-local: hardening-clean-local
hardening-clean-local:
	-rm -rf fuzz/obj fuzz/work fuzz/crashes fuzz/libng-fuzz.a fuzz/*.log
	-rm -f $(addprefix fuzz/fuzz-,$(FUZZ_TARGETS)) $(EXTRA_PROGRAMS)
	-rm -rf output/bench

# ---------------------------------------------------------------- benchmarks
# `make bench` prints a table; it is never part of pass/fail.  BENCH_SIZES
# (default "1000 10000"; add 100000 for the issue's largest size, minutes).
BENCH_SIZES = 1000 10000
bench: nieuwsgraaf fuzz/replay-article
	@NG_REPLAY='$(abs_top_builddir)/fuzz/replay-article' NG_BIN='$(abs_top_builddir)/nieuwsgraaf' NG_SRCDIR='$(abs_top_srcdir)' \
	  NG_DATA_DIR='$(abs_top_srcdir)/ontology' RAPPER='$(RAPPER)' ROQET='$(ROQET)' \
	  CURL='$(CURL)' BENCH_SIZES='$(BENCH_SIZES)' \
	  BENCH_DIR='$(abs_top_builddir)/output/bench' \
	  $(SHELL) '$(abs_top_srcdir)/scripts/bench'

.PHONY: fuzz fuzz-build bench hardening-clean-local

EXTRA_DIST += fuzz/fuzz-article.c fuzz/fuzz-date.c fuzz/fuzz-query.c \
	fuzz/corpus fuzz/lsan.supp scripts/bench scripts/ci-sanitizers tools/gen-corpus

# ---------------------------------------------------------------- endpoint guard
# Accepts the endpoint's connections and checks each request head before
# libsoup reads it (tests/abuse.sh drives it; tests/test-http-guard its
# head scanner).
libnieuwsgraaf_la_SOURCES += src/http-guard.c
noinst_HEADERS += src/http-guard.h
NG_UNIT_TESTS += tests/test-http-guard
tests_test_http_guard_LDADD = $(NG_LIBS)
tests_test_http_guard_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/src
