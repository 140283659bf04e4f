#!/usr/bin/env python3
"""Makes a larger event database for bench/serve.sh's page-render figure: a copy of DB whose
event records are repeated (new ids above the largest, merge keys and days shifted by the copy's number) until
there are TARGET of them. The copies share their representative mention, so lists, maps,
timelines and graphs read them as they read real records; only opening a copy finds no
mentions. Usage: serve_scale.py DB OUT TARGET"""

import shutil
import sqlite3
import sys

src, out, target = sys.argv[1], sys.argv[2], int(sys.argv[3])
shutil.copyfile(src, out)
con = sqlite3.connect(out)
n = original = con.execute("SELECT count(*) FROM events").fetchone()[0]
# Fresh ids above the largest (which stay below 2^53, as JavaScript numbers need).
base = con.execute("SELECT max(event) FROM events").fetchone()[0] + 1
c = 0
while n < target:
    c += 1
    take = min(original, target - n)
    con.execute(
        """INSERT INTO events (event, mkey, code, base, root, quad, goldstein, actor1_code,
               actor1_country, actor2_code, actor2_country, country, lat, lon, day, last_day,
               first_seen, num_mentions, num_sources, num_articles, confidence, is_root, rep)
           SELECT ?3 + (?1 - 1) * ?4 + row_number() OVER (ORDER BY event), mkey || '#' || ?1, code, base,
               root, quad, goldstein, actor1_code, actor1_country, actor2_code, actor2_country,
               country, lat, lon, date(day, '+' || ?1 || ' days'),
               date(last_day, '+' || ?1 || ' days'), first_seen, num_mentions, num_sources,
               num_articles, confidence, is_root, rep
           FROM events WHERE mkey NOT LIKE '%#%' ORDER BY event LIMIT ?2""",
        (c, take, base, original),
    )
    n += take
con.commit()
con.execute("ANALYZE")
con.close()
print(f"{out}: {n} event records ({c} shifted copies)")
