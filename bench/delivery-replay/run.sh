#!/bin/bash
# run.sh JAR args...   (J = java binary, default java; JOPTS extra JVM options)
jar=$1; shift
exec ${J:-java} -Xmx8g $JOPTS --add-modules jdk.incubator.vector -cp $jar org.cortexsim.cli.Main bench "$@" 2>/dev/null
