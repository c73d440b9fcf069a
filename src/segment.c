/* segment.c — Dutch sentence and token segmentation.
 *
 * A sentence ends at . ! ? … (after any closing quotes or brackets) when
 * white space and then an upper-case letter, digit, opening quote or the end
 * follows, unless the period closes a known abbreviation or an initial.  A
 * blank line ends a paragraph; a single line break ends a sentence unless the
 * next line starts in lower case (hard-wrapped text). */
#include "config.h"

#include <string.h>

#include "nieuwsgraaf/gazetteer.h"
#include "nieuwsgraaf/lexmatch.h"
#include "nieuwsgraaf/segment.h"

/* Orthographic abbreviations of Dutch news text (lower case, without the
 * final period).  Spelling rules, not domain data. */
static const char *const abbreviations[] = {
  "dhr", "mr", "mevr", "mw", "dr", "drs", "ir", "ing", "prof", "ds", "st",
  "o.a", "bijv", "bv", "b.v", "v.d", "vd", "m.b.t", "i.p.v", "t.o.v", "e.d",
  "e.a", "enz", "etc", "d.w.z", "z.g.a.n", "ca", "resp", "jl", "nr", "blz",
  "mln", "mld", "mrd", "min", "max", "gen", "lt", "kol", "kpt", "sr", "jr",
  "vs", "n.a.v", "m.i", "a.s", "i.v.m", "p.m", "c.q", "zgn", "incl", "excl",
  "vgl", "z.s.m", "t.a.v", "mv", "ev", "ong", "feb", "jan", "aug", "sept",
  "okt", "nov", "dec", "mrt", "apr", "jun", "jul", "mil", "gr", "km",
  NULL
};

static gboolean
is_abbreviation (const char *word, gsize len)
{
  char buf[16];
  g_autofree char *wide = NULL;
  const char *low = buf;
  /* the list is short ASCII: lower-case without allocating when the word
     is too (a non-ASCII letter may still lower-case to ASCII) */
  for (gsize i = 0; i < len && low == buf; i++)
    if ((word[i] & 0x80) || i + 1 >= sizeof buf)
      low = wide = g_utf8_strdown (word, (gssize) len);
    else
      buf[i] = g_ascii_tolower (word[i]);
  if (low == buf)
    buf[len] = '\0';
  for (guint i = 0; abbreviations[i]; i++)
    if (strcmp (low, abbreviations[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_closing (gunichar c)
{
  return c == '"' || c == '\'' || c == 0x201d || c == 0x2019 || c == 0x00bb
         || c == ')' || c == ']' || c == 0x203a;
}

static gboolean
is_opening (gunichar c)
{
  return c == '"' || c == '\'' || c == 0x201e || c == 0x201c || c == 0x2018
         || c == 0x00ab || c == '(' || c == '[' || c == 0x2039 || c == 0x201a;
}

static gboolean
is_terminal (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

/* A token is one block: the struct, its text and (ASCII words) its norm;
 * any other norm is allocated on its own. */
static void
token_free (gpointer p)
{
  NgToken *t = p;
  if (t == NULL)
    return;
  if (t->norm && t->norm != t->text + (t->end - t->start) + 1)
    g_free (t->norm);
  g_free (t);
}

static NgToken *
token_new (const char *text, gsize start, gsize end, gboolean is_word)
{
  gsize len = end - start;
  NgToken *t = g_malloc (sizeof (NgToken) + 2 * (len + 1));
  char *inline_text = (char *) (t + 1);

  memset (t, 0, sizeof *t);
  t->start = start;
  t->end = end;
  t->is_word = is_word;
  t->text = inline_text;
  memcpy (t->text, text + start, len);
  t->text[len] = '\0';
  if (is_word)
    {
      t->norm = t->text + len + 1;
      if (ng_normalize_ascii (t->text, len, t->norm) < 0)
        t->norm = ng_normalize_name (t->text);
    }
  return t;
}

static void
sentence_free (gpointer p)
{
  NgSentence *s = p;
  g_free (s->text);
  g_free (s->word_ids);
  g_ptr_array_unref (s->tokens);
  g_free (s);
}

static inline gboolean
word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK;
}

/* g_utf8_get_char() without the call for ASCII, most of any text. */
static inline gunichar
get_char (const char *p)
{
  return (*p & 0x80) ? g_utf8_get_char (p) : (gunichar) *p;
}

/* Tokens of text[start, end). */
static GPtrArray *
tokenize (const char *text, gsize start, gsize end)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (token_free);
  const char *p = text + start, *stop = text + end;

  while (p < stop)
    {
      gunichar c = get_char (p);
      const char *q;
      NgToken *t;

      if (g_unichar_isspace (c))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      q = g_utf8_next_char (p);
      if (word_char (c))
        {
          while (q < stop)
            {
              gunichar d = get_char (q);
              if (word_char (d))
                q = g_utf8_next_char (q);
              else if ((d == '-' || d == '\'' || d == 0x2019 || d == '.')
                       && g_utf8_next_char (q) < stop
                       && word_char (get_char (g_utf8_next_char (q))))
                {
                  /* inner hyphen, apostrophe; a period only in o.a.-style
                     abbreviations and numbers (1.000), not between words */
                  if (d == '.')
                    {
                      const char *n = g_utf8_next_char (q);
                      gunichar e = get_char (n);
                      if (!(g_unichar_isdigit (e) || q - p <= 2))
                        break;
                    }
                  q = g_utf8_next_char (q);
                }
              else
                break;
            }
        }
      t = token_new (text, (gsize) (p - text), (gsize) (q - text), word_char (c));
      /* ASCII (most tokens) without the Unicode tables */
      t->capitalised = c < 0x80 ? g_ascii_isupper (c)
                                : g_unichar_isupper (c) || g_unichar_istitle (c);
      g_ptr_array_add (tokens, t);
      p = q;
    }
  return tokens;
}

/* Where the last sentence started, so that character offsets are counted
 * from there and not from the start of the text (linear, not quadratic, in
 * the number of sentences). */
typedef struct {
  gsize byte;
  glong chr;
} Cursor;

/* A run of words longer than this is not a sentence a reader would
 * recognise (a table, a list, a text without punctuation): it is cut into
 * pieces of at most this many tokens, after a comma or semicolon where one
 * is near, so that no rule ever works on an unbounded sentence. */
#define MAX_SENTENCE_TOKENS 160

static void
emit_one (GPtrArray *out, const char *text, gsize start, gsize end, guint para,
          Cursor *cur, GPtrArray *tokens)
{
  NgSentence *s;
  GString *squeezed;
  gboolean space = FALSE;

  s = g_new0 (NgSentence, 1);
  s->index = out->len;
  s->paragraph = para;
  s->start = start;
  s->end = end;
  s->char_start = cur->chr + g_utf8_pointer_to_offset (text + cur->byte, text + start);
  cur->byte = start;
  cur->chr = s->char_start;
  squeezed = g_string_sized_new (end - start);
  for (gsize i = start; i < end; i++)
    {
      if (g_ascii_isspace (text[i]))
        space = TRUE;
      else
        {
          if (space && squeezed->len)
            g_string_append_c (squeezed, ' ');
          space = FALSE;
          g_string_append_c (squeezed, text[i]);
        }
    }
  s->text = g_string_free (squeezed, FALSE);
  s->tokens = tokens;
  g_ptr_array_add (out, s);
}

static void
emit (GPtrArray *out, const char *text, gsize start, gsize end, guint para,
      Cursor *cur)
{
  GPtrArray *tokens;
  guint from = 0;

  /* trim */
  while (start < end && g_ascii_isspace (text[start]))
    start++;
  while (end > start && g_ascii_isspace (text[end - 1]))
    end--;
  if (start >= end)
    return;
  tokens = tokenize (text, start, end);
  if (tokens->len <= MAX_SENTENCE_TOKENS)
    {
      emit_one (out, text, start, end, para, cur, tokens);
      return;
    }
  while (from < tokens->len)
    {
      guint to = MIN (from + MAX_SENTENCE_TOKENS, tokens->len);
      GPtrArray *part = g_ptr_array_new_full (to - from, token_free);
      if (to < tokens->len)
        for (guint k = to; k > from + MAX_SENTENCE_TOKENS / 2; k--)
          {
            const char *x = ((NgToken *) tokens->pdata[k - 1])->text;
            if (strcmp (x, ",") == 0 || strcmp (x, ";") == 0)
              {
                to = k;
                break;
              }
          }
      for (guint k = from; k < to; k++)
        {
          g_ptr_array_add (part, tokens->pdata[k]);
          tokens->pdata[k] = NULL;
        }
      emit_one (out, text, ((NgToken *) part->pdata[0])->start,
                ((NgToken *) part->pdata[part->len - 1])->end, para, cur, part);
      from = to;
    }
  g_ptr_array_unref (tokens);
}

/* Start of the word that ends just before POS (letters and inner periods). */
static gsize
word_before (const char *text, gsize start, gsize pos)
{
  gsize i = pos;
  while (i > start)
    {
      const char *prev = g_utf8_prev_char (text + i);
      gunichar c = g_utf8_get_char (prev);
      if (!(word_char (c) || c == '.'))
        break;
      i = (gsize) (prev - text);
    }
  return i;
}

GPtrArray *
ng_segment (const char *text, gsize len)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (sentence_free);
  gsize start = 0, i = 0;
  guint para = 0;
  Cursor cur = { 0, 0 };

  g_return_val_if_fail (text != NULL, out);
  while (i < len)
    {
      gunichar c = get_char (text + i);
      gsize next = (gsize) (g_utf8_next_char (text + i) - text);

      if (c == '\n')
        {
          gsize j = next;
          gboolean blank = FALSE;
          while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n'))
            {
              if (text[j] == '\n')
                blank = TRUE;
              j++;
            }
          if (blank || j >= len || !g_unichar_islower (get_char (text + j)))
            {
              emit (out, text, start, i, para, &cur);
              if (blank)
                para++;
              start = j;
              i = j;
              continue;
            }
          i = next;
          continue;
        }

      if (is_terminal (c))
        {
          gsize j = next, after;
          /* more terminal marks ("?!", "...") and closing quotes */
          while (j < len && (is_terminal (get_char (text + j))
                             || is_closing (get_char (text + j))))
            j = (gsize) (g_utf8_next_char (text + j) - text);
          after = j;
          if (j < len && !(text[j] == ' ' || text[j] == '\t' || text[j] == '\n'))
            {
              i = next;
              continue;
            }
          while (j < len && (text[j] == ' ' || text[j] == '\t'))
            j++;
          if (j < len && text[j] != '\n')
            {
              gunichar n = get_char (text + j);
              if (!(g_unichar_isupper (n) || g_unichar_isdigit (n)
                    || is_opening (n) || n == 0x2013 || n == 0x2014))
                {
                  i = next;
                  continue;
                }
            }
          if (c == '.')
            {
              gsize w = word_before (text, start, i);
              gsize wl = i - w;
              if (wl > 0 && is_abbreviation (text + w, wl))
                {
                  i = next;
                  continue;
                }
              /* an initial: one upper-case letter ("J. Trump") */
              if (wl > 0 && g_utf8_strlen (text + w, (gssize) wl) == 1
                  && g_unichar_isupper (get_char (text + w)))
                {
                  i = next;
                  continue;
                }
            }
          emit (out, text, start, after, para, &cur);
          start = after;
          i = after;
          continue;
        }
      i = next;
    }
  emit (out, text, start, len, para, &cur);
  return out;
}

/* ------------------------------------------------------------ language
 *
 * Dutch news quotes English now and then: a tweet, a statement, a slogan.
 * Which language a passage is in is told by its function words (the
 * lexicon's kind function-word): closed-class words that belong to one of
 * the two languages only.  The words are interned for the phrase index
 * anyway, so this costs an array read per token. */

typedef struct {
  guint en, nl, words;
} LangCount;

static LangCount
count_languages (const NgGazetteer *gaz, const NgSentence *s, guint from, guint to)
{
  LangCount n = { 0, 0, 0 };
  for (guint i = from; i < to; i++)
    {
      const NgToken *t = s->tokens->pdata[i];
      if (!t->is_word)
        continue;
      n.words++;
      /* one word ("the"), not a multi-word norm ("i.p.v.") */
      if (t->word_count != 1)
        continue;
      switch (ng_gazetteer_word_language (gaz, s->word_ids[t->word_first]))
        {
        case NG_WORD_LANG_EN: n.en++; break;
        case NG_WORD_LANG_NL: n.nl++; break;
        case NG_WORD_LANG_NONE: break;
        }
    }
  return n;
}

/* English function words clearly dominate: two or more and three times as
 * many as Dutch ones; a quoted span of four words or more also with one
 * English and no Dutch one ("'Great meeting today!'"). */
static gboolean
is_english (LangCount n, gboolean span)
{
  return (n.en >= 2 && n.en >= 3 * n.nl)
         || (span && n.en >= 1 && n.nl == 0 && n.words >= 4);
}

static gboolean
quote_mark (const NgToken *t, gboolean *opens, gboolean *closes)
{
  gunichar c;
  if (t->is_word || t->text[0] == '\0' || *g_utf8_next_char (t->text) != '\0')
    return FALSE;
  c = g_utf8_get_char (t->text);
  *opens = c == 0x2018 || c == 0x201c || c == 0x201e || c == 0x00ab || c == '"'
           || c == '\'';
  *closes = c == 0x2019 || c == 0x201d || c == 0x00bb || c == '"' || c == '\'';
  return *opens || *closes;
}

/* The first English quoted span of a Dutch sentence: [*FROM, *TO). */
static gboolean
english_quote (const NgGazetteer *gaz, const NgSentence *s, guint *from, guint *to)
{
  guint open = G_MAXUINT, n = s->tokens->len;
  for (guint i = 0; i < n; i++)
    {
      gboolean opens, closes;
      if (!quote_mark (s->tokens->pdata[i], &opens, &closes))
        continue;
      if (open == G_MAXUINT)
        {
          if (opens)
            open = i;
          continue;
        }
      if (!closes)
        continue;
      if (is_english (count_languages (gaz, s, open + 1, i), TRUE))
        {
          *from = open + 1, *to = i;
          return TRUE;
        }
      open = G_MAXUINT;
    }
  /* a quote left open runs to the end of the sentence */
  if (open != G_MAXUINT && is_english (count_languages (gaz, s, open + 1, n), TRUE))
    {
      *from = open + 1, *to = n;
      return TRUE;
    }
  return FALSE;
}

void
ng_segment_languages (const NgGazetteer *gaz, GPtrArray *sentences)
{
  g_return_if_fail (gaz != NULL && sentences != NULL);
  for (guint k = 0; k < sentences->len; k++)
    {
      NgSentence *s = sentences->pdata[k];
      LangCount n;
      ng_sentence_intern (gaz, s);
      n = count_languages (gaz, s, 0, s->tokens->len);
      s->n_en = n.en;
      s->n_nl = n.nl;
      s->lang = NG_LANG_NL;
      s->en_from = s->en_to = 0;
      if (is_english (n, FALSE))
        {
          s->lang = NG_LANG_EN;
          s->en_to = s->tokens->len;
        }
      /* only a sentence with an English word can quote English */
      else if (n.en > 0)
        english_quote (gaz, s, &s->en_from, &s->en_to);
    }
}
