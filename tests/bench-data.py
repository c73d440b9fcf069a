#!/usr/bin/python3
"""bench-data.py N — a synthetic news graph of about N triples in the
nieuwsgraaf vocabulary (persons, places, meetings with attendees, dates and
places, sanction events), as Turtle on standard output.  Kim Jong-un and
North Korea (wd:Q423) are in it so that the example queries find rows."""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
r = random.Random(42)
ID = "https://w3id.org/nieuwsgraaf/id/"
out = sys.stdout
out.write("@prefix ng: <https://w3id.org/nieuwsgraaf/ontology#> .\n"
          "@prefix schema: <http://schema.org/> .\n"
          "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
          "@prefix wd: <http://www.wikidata.org/entity/> .\n"
          "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n")
persons = max(100, n // 200)
places = max(50, n // 1000)
out.write("<%sperson/p0> a schema:Person ; schema:name \"Kim Jong-un\" .\n" % ID)
for i in range(1, persons):
    out.write("<%sperson/p%d> a schema:Person ; schema:name \"Persoon %d\" .\n" % (ID, i, i))
out.write("<%splace/q0> a schema:Place ; schema:name \"Noord-Korea\" ; owl:sameAs wd:Q423 .\n" % ID)
for i in range(1, places):
    out.write("<%splace/q%d> a schema:Place ; schema:name \"Plaats %d\" .\n" % (ID, i, i))
count = persons * 2 + places * 2 + 1
i = 0
while count < n:
    a, b = r.randrange(persons), r.randrange(persons)
    out.write("<%smeeting/m%d> a ng:Meeting ; schema:attendee <%sperson/p%d>, <%sperson/p%d> ; "
              "schema:startDate \"%d-%02d-%02d\"^^xsd:date ; schema:location <%splace/q%d> .\n"
              % (ID, i, ID, a, ID, b, r.randrange(2000, 2025), r.randrange(1, 13),
                 r.randrange(1, 29), ID, r.randrange(places)))
    count += 5
    if i % 10 == 0:
        out.write("<%ssanction/s%d> a ng:Sanction ; ng:target <%splace/q%d> .\n"
                  "<%ssanction-event/e%d> a ng:SanctionEvent ; ng:sanction <%ssanction/s%d> ; "
                  "ng:action ng:DemandLift ; ng:actor <%sperson/p%d> .\n"
                  % (ID, i, ID, r.randrange(places), ID, i, ID, i, ID, r.randrange(persons)))
        count += 6
    i += 1
