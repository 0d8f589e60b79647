#!/usr/bin/env python3
"""Checks that `briefing serve`'s incremental rebuilds give the same bytes as a full build.

    python3 benches/serve_consistency.py SITE_COPY [BRIEFING_BINARY] [SEED]

SITE_COPY is a throwaway copy of a generated site (gen_corpus.py --flavor briefing): its
articles are edited at random (titles, tags, dates, topics, bodies, deletions, additions),
some edits in quick succession, while `briefing serve` runs; then `briefing build` with the
served base URL builds it afresh and every built file is fetched from the server and
compared, the injected live-reload script removed. Prints `checked N bad M`; exits 1 if M > 0.
"""
import os, re, subprocess, sys, time, glob, random, http.client, tempfile
OUT = os.path.join(tempfile.mkdtemp(prefix="serve-consistency-"), "public")
B=sys.argv[2] if len(sys.argv) > 2 else "target/release/briefing"
root=sys.argv[1]
p=subprocess.Popen([B,"serve","--port","0","--root",root],stdout=subprocess.PIPE,stderr=subprocess.PIPE,text=True)
line=p.stdout.readline(); url=re.search(r"http://[0-9.:]+",line).group(0); print(line.strip())
host=url[len("http://"):]
def get(path):
    c=http.client.HTTPConnection(host); c.request("GET",path); r=c.getresponse(); b=r.read(); c.close(); return r.status,b
arts=sorted(glob.glob(root+"/content/articles/*/*.md"))
random.seed(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
def edit(f, fn):
    t=open(f).read(); open(f,"w").write(fn(t))
ops=[]
for i in range(12):
    f=random.choice(arts)
    k=random.choice(["title","tags","date","delete","add","topic","body"])
    if not os.path.exists(f): continue
    if k=="title": edit(f, lambda t: re.sub(r'(?m)^title: .*$', f'title: "Changed {i}"', t,1))
    elif k=="tags": edit(f, lambda t: re.sub(r'(?m)^tags: \[', f'tags: [brand-new-{i}, ', t,1))
    elif k=="date": edit(f, lambda t: re.sub(r'(?m)^date: .*$', f'date: 2031-0{1+i%9}-1{i%9}', t,1))
    elif k=="topic": edit(f, lambda t: re.sub(r'(?m)^topics: \[', 'topics: [critical-minerals, ', t,1))
    elif k=="body": edit(f, lambda t: t+f"\n\nMore body {i}.\n")
    elif k=="delete": os.remove(f); arts.remove(f)
    elif k=="add":
        t=open(f).read(); t=re.sub(r'(?m)^slug: .*\n','',t); t=re.sub(r'(?m)^title: .*$', f'title: "Added {i}"', t,1)
        n=os.path.join(os.path.dirname(f), f"added-{i}.md"); open(n,"w").write(t); arts.append(n)
    ops.append(k)
    time.sleep(random.choice([0.01,0.3]))
time.sleep(3)
print("ops", ops)
subprocess.run([B,"build","--root",root,"--base-url",url,"-o",OUT],check=True)
bad=0; n=0
for dp,dn,fn in os.walk(OUT):
    for name in fn:
        if name.startswith("."): continue
        full=os.path.join(dp,name); rel=os.path.relpath(full,OUT)
        want=open(full,"rb").read()
        path="/"+rel
        if path.endswith("index.html"): path=path[:-len("index.html")]
        st,got=get(path)
        got=re.sub(rb'(<div id="briefing-serve-errors".*?</div>)?<script>/\* briefing serve: live reload \*/.*?</script>',b'',got)
        n+=1
        if got!=want or (st!=200 and rel!="404.html"):
            bad+=1
            if bad<5: print("DIFF", rel, st, len(got), len(want))
# pages served that should not exist: check a few deleted/renamed
print("checked", n, "bad", bad)
p.terminate()
sys.exit(1 if bad else 0)
