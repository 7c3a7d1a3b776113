// Local recording (issue 14, meetings with recording type `local`): a host records the
// meeting view in the browser. The tiles' videos are drawn on a canvas, the room's audio
// (own microphone and every remote track) is mixed with WebAudio, and MediaRecorder writes
// WebM (VP8 + Opus), offered as a download when the host stops. Nothing is uploaded.

const WIDTH = 1280;
const HEIGHT = 720;
const FPS = 30;

export class LocalRecording {
  /** @param {HTMLElement} root holds the tiles' <video> elements */
  constructor(root) {
    this.root = root;
    this.recorder = null;
  }

  get active() { return this.recorder !== null; }

  /** @param {MediaStreamTrack[]} ownAudio the local microphone track(s), if any */
  start(ownAudio) {
    const canvas = document.createElement('canvas');
    canvas.width = WIDTH;
    canvas.height = HEIGHT;
    const g = canvas.getContext('2d');
    this.audio = new AudioContext();
    const mix = this.audio.createMediaStreamDestination();
    const tracks = [...ownAudio];
    for (const el of this.root.querySelectorAll('video, audio')) {
      if (el.srcObject) tracks.push(...el.srcObject.getAudioTracks());
    }
    for (const track of tracks) {
      this.audio.createMediaStreamSource(new MediaStream([track])).connect(mix);
    }
    // A timer, not requestAnimationFrame: frames go on while the tab is in the background.
    const draw = () => {
      g.fillStyle = '#111';
      g.fillRect(0, 0, WIDTH, HEIGHT);
      const videos = [...this.root.querySelectorAll('video')].filter((v) => v.videoWidth > 0);
      const cols = Math.ceil(Math.sqrt(videos.length || 1));
      const rows = Math.ceil((videos.length || 1) / cols);
      videos.forEach((v, i) => {
        const w = WIDTH / cols;
        const h = HEIGHT / rows;
        g.drawImage(v, (i % cols) * w, Math.floor(i / cols) * h, w, h);
      });
    };
    draw();
    this.timer = setInterval(draw, 1000 / FPS);
    const stream = new MediaStream([...canvas.captureStream(FPS).getVideoTracks(),
      ...mix.stream.getAudioTracks()]);
    this.chunks = [];
    this.recorder = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8,opus' });
    this.recorder.ondataavailable = (e) => { if (e.data.size) this.chunks.push(e.data); };
    this.recorder.start(1000);
  }

  /** Stop and offer the file as a download named `filename`. */
  stop(filename) {
    const recorder = this.recorder;
    if (!recorder) return Promise.resolve();
    this.recorder = null;
    clearInterval(this.timer);
    return new Promise((resolve) => {
      recorder.onstop = () => {
        const url = URL.createObjectURL(new Blob(this.chunks, { type: 'video/webm' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = filename;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        this.audio.close();
        this.chunks = [];
        resolve();
      };
      recorder.stop();
    });
  }
}
