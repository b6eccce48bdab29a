import re,sys,statistics as st
for f in sys.argv[1:]:
    b=[];a=[]
    for l in open(f):
        m=re.match(r'\s+round (\d+) (\S+) loop_cpu (\S+) propagate (\S+) integrate (\S+) spikes (\d+)',l)
        if m: (b if m.group(2)=='before.jar' else a).append((float(m.group(3)),float(m.group(4)),float(m.group(5)),int(m.group(6))))
    n=min(len(a),len(b)); a=a[:n]; b=b[:n]
    if n==0: continue
    def q(x): 
        x=sorted(x); return '%.4f [%.4f..%.4f]'%(st.median(x),x[0],x[-1])
    print(f, 'rounds',n, 'spikes', sorted(set(y[3] for y in a+b)))
    for name,x in (('before',b),('after',a)):
        print('  %-6s loop_cpu %s  propagate %s  integrate %s'%(name,q([y[0] for y in x]),q([y[1] for y in x]),q([y[2] for y in x])))
    w=sum(1 for p,r in zip(b,a) if r[1]<p[1]); wl=sum(1 for p,r in zip(b,a) if r[0]<p[0])
    print('  after/before per round: propagate median %.3f, lower in %d of %d; loop_cpu median %.3f, lower in %d of %d'%(
        st.median([r[1]/p[1] for p,r in zip(b,a)]),w,n,st.median([r[0]/p[0] for p,r in zip(b,a)]),wl,n))
