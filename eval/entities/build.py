import json,sys
import os
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from annot import A
SRC=os.path.join(HERE, '..', 'wikinews-fr-2012-dev.jsonl')
docs={str(json.loads(l)['id']):json.loads(l) for l in open(SRC,encoding='utf-8')}
def occs(t,s):
    r=[];i=t.find(s)
    while i>=0: r.append(i); i=t.find(s,i+1)
    return r
def resolve(t,spec):
    """return list of (mention, occurrence, offset)"""
    ctxk=None
    if '@' in spec:
        m,ctx=spec.split('@',1)
        k=1
        if '#' in ctx: ctx,k=ctx.rsplit('#',1); k=int(k)
        co=occs(t,ctx); assert len(co)>=k, ('ctx missing',spec)
        if '#' not in spec.split('@',1)[1]: assert len(co)==1, ('ctx not unique',spec,len(co))
        c=co[k-1]; off=c+ctx.index(m)
        n=occs(t,m).index(off)+1
        return [(m,n,off)]
    if '#' in spec:
        m,n=spec.rsplit('#',1)
        o=occs(t,m); assert o, ('missing',spec)
        if n=='*': return [(m,i+1,x) for i,x in enumerate(o)]
        n=int(n); assert len(o)>=n, ('too few',spec)
        return [(m,n,o[n-1])]
    o=occs(t,spec); assert o,('missing',spec)
    return [(spec,1,o[0])]
out=[]; report=[]
for did,a in A.items():
    t=docs[did]['text']; named=[]; refers=[]; spans=set()
    for spec,typ,cc,gid,canon in a['named']:
        for m,n,off in resolve(t,spec):
            assert (off,m) not in spans,('dup',did,m,n); spans.add((off,m))
            named.append(dict(mention=m,occurrence=n,type=typ,country=cc,geonames=gid,canonical=canon,_off=off))
    for spec,rspec in a['refers']:
        (m,n,off),=resolve(t,spec); (rm,rn,roff),=resolve(t,rspec)
        assert (off,m) not in spans,('dup',did,m,n); spans.add((off,m))
        assert any(x['_off']==roff and x['mention']==rm for x in named),('refers_to not a named mention',did,rspec)
        refers.append(dict(mention=m,occurrence=n,refers_to=rm,refers_occurrence=rn,_off=off))
    named.sort(key=lambda x:x['_off']); refers.sort(key=lambda x:x['_off'])
    for x in named: report.append(f"{did} N {x['type']} {x['mention']!r}#{x['occurrence']} :: ...{t[max(0,x['_off']-25):x['_off']+len(x['mention'])+15]!r}")
    for x in refers: report.append(f"{did} R {x['mention']!r}#{x['occurrence']} -> {x['refers_to']}#{x['refers_occurrence']} :: ...{t[max(0,x['_off']-20):x['_off']+len(x['mention'])+15]!r}")
    for x in named+refers: del x['_off']
    out.append(dict(id=docs[did]['id'],named=named,refers=refers))
with open(os.path.join(HERE, '..', 'wikinews-fr-2012-dev.entities.jsonl'),'w',encoding='utf-8') as f:
    for d in out: f.write(json.dumps(d,ensure_ascii=False)+'\n')
open(os.path.join(HERE, 'build_report.txt'),'w',encoding='utf-8').write('\n'.join(report)+'\n')
print(len(out),'articles')
