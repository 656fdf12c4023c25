#!/usr/bin/env bash
# Regenerates the demo's voice clips (see README.md): espeak-ng speaks each line, ffmpeg makes
# it a mono Opus voice message in Ogg, the format browsers' recorders and Parley accept. Needs
# Debian's espeak-ng and ffmpeg; the demo only reads the results, which are committed.
set -euo pipefail
cd "$(dirname "$0")"
clip() { # name voice speed pitch text
  espeak-ng -v "$2" -s "$3" -p "$4" -w "/tmp/parley-demo-$1.wav" "$5"
  ffmpeg -hide_banner -loglevel error -y -fflags +bitexact -i "/tmp/parley-demo-$1.wav" \
    -ac 1 -ar 48000 -c:a libopus -b:a 16k -application voip -map_metadata -1 "voice-$1.ogg"
  rm "/tmp/parley-demo-$1.wav"
}
clip gate en-us+m3 150 40 "Morning, everyone. Meet at the town gate at eight. Don't be late."
clip dinner cmn+f2 150 60 "桐人，晚饭做好了，快回来吧！"
clip library en-gb+f3 155 55 "Hi Kirito! The library opens at nine tomorrow. See you there."
