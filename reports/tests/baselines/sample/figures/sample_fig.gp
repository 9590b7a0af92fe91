set terminal svg size 760,460 dynamic enhanced font "Helvetica,13" background rgb "white"
set title "A figure"
set xlabel "T"
set ylabel "g"
set logscale x
set format x "10^{%L}"
set logscale y
set format y "10^{%L}"
set grid
set key outside right top vertical Left reverse noenhanced
$d0 << EOD
0.001 10
0.1 1
EOD
$d1 << EOD
0.001 250
10 0.025
EOD
plot $d0 using 1:2 with linespoints pt 7 ps 0.6 lw 2 lc rgb "#1b9e77" title "measured", \
     $d1 using 1:2 with lines dt 2 lw 2 lc rgb "black" title "bound"
