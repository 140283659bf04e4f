"""Independent checks of wikinews-fr-2012-dev.entities.jsonl against the source text and GeoNames."""
import json,collections
import os
HERE = os.path.dirname(os.path.abspath(__file__))
SRC=os.path.join(HERE, '..', 'wikinews-fr-2012-dev.jsonl'); G=os.path.join(HERE, '..', '..', '..', 'shared', 'data', 'gazetteer', 'geonames') + '/'
docs={json.loads(l)['id']:json.loads(l) for l in open(SRC,encoding='utf-8')}
cities={}; 
for l in open(G+'cities15000.txt',encoding='utf-8'):
    r=l.rstrip('\n').split('\t'); cities[int(r[0])]=(r[1],r[8])
iso2to3={}; countries={}
for l in open(G+'countryInfo.tsv',encoding='utf-8'):
    if l.startswith('#') or not l.strip(): continue
    r=l.rstrip('\n').split('\t'); iso2to3[r[0]]=r[1]; countries[int(r[16])]=(r[4],r[1])
ISO3=set(iso2to3.values())
def count(t,s):
    n=0;i=t.find(s)
    while i>=0: n+=1; i=t.find(s,i+1)
    return n
errs=[]; stats=collections.Counter(); ids=set()
for l in open(os.path.join(HERE, '..', 'wikinews-fr-2012-dev.entities.jsonl'),encoding='utf-8'):
    d=json.loads(l); t=docs[d['id']]['text']; ids.add(d['id'])
    seen=set()
    for m in d['named']:
        assert set(m)=={'mention','occurrence','type','country','geonames','canonical'},m
        k=(m['mention'],m['occurrence'])
        if k in seen: errs.append(('dup',d['id'],k))
        seen.add(k)
        if count(t,m['mention'])<m['occurrence']: errs.append(('occ',d['id'],m))
        if m['type'] not in ('PER','LOC','ORG'): errs.append(('type',d['id'],m))
        if m['country'] is not None and m['country'] not in ISO3: errs.append(('iso3',d['id'],m))
        g=m['geonames']
        if g is not None:
            if m['type']!='LOC': errs.append(('geo-on-nonLOC',d['id'],m))
            if g in cities: cc=iso2to3[cities[g][1]]; stats['cityid']+=1
            elif g in countries: cc=countries[g][1]; stats['countryid']+=1
            else: errs.append(('geoid',d['id'],m)); continue
            if cc!=m['country']: errs.append(('geo-country-mismatch',d['id'],m,cc))
        stats[m['type']]+=1; stats['named']+=1
    named={(m['mention'],m['occurrence']) for m in d['named']}
    for r in d['refers']:
        assert set(r)=={'mention','occurrence','refers_to','refers_occurrence'},r
        k=(r['mention'],r['occurrence'])
        if k in seen: errs.append(('dup',d['id'],k))
        seen.add(k)
        if count(t,r['mention'])<r['occurrence']: errs.append(('occ',d['id'],r))
        if count(t,r['refers_to'])<r['refers_occurrence']: errs.append(('refocc',d['id'],r))
        if (r['refers_to'],r['refers_occurrence']) not in named: errs.append(('ref-not-named',d['id'],r))
        stats['refers']+=1
print('articles',len(ids)); print(dict(stats)); print('errors',len(errs))
for e in errs: print(e)
